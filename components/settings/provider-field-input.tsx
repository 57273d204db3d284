'use client';

import { useTranslations } from 'next-intl';
import { useId } from 'react';
import type { ProviderField } from '@/lib/ai/provider-fields';

/** One provider setting as the control its type asks for, marked and described when the schema refuses it. */
export function ProviderFieldInput({
  field,
  label,
  invalid,
  value,
  onChange,
}: {
  field: ProviderField;
  label: string;
  invalid: boolean;
  value: string | boolean;
  onChange: (value: string | boolean) => void;
}) {
  const t = useTranslations('copilot.model.options');
  const problem = useTranslations('copilot.model')('fieldInvalid');
  const errorId = useId();
  const marks = invalid ? { 'aria-invalid': true, 'aria-describedby': errorId } : {};
  const error = invalid && (
    <span id={errorId} className="mt-1 block text-xs font-normal text-red-800">
      {problem}
    </span>
  );
  // Words where a choice has them (the key type); identifiers such as GigaChat's scopes as they are.
  const optionLabel = (option: string) => (t.has(option) ? t(option) : option);
  const inputClass = 'mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm';
  if (field.type === 'checkbox') {
    return (
      <label className="flex items-center gap-2 text-sm text-slate-800 md:col-span-2">
        <input type="checkbox" checked={value === true} onChange={(event) => onChange(event.target.checked)} />
        {label}
      </label>
    );
  }
  const control =
    field.type === 'textarea' ? (
      <textarea
        rows={4}
        value={String(value)}
        onChange={(event) => onChange(event.target.value)}
        className={`${inputClass} font-mono`}
        {...marks}
      />
    ) : typeof field.type === 'object' ? (
      <select
        value={String(value)}
        onChange={(event) => onChange(event.target.value)}
        className={inputClass}
        {...marks}
      >
        {field.type.options.map((option) => (
          <option key={option} value={option}>
            {optionLabel(option)}
          </option>
        ))}
      </select>
    ) : (
      <input
        type={field.type}
        required={!field.optional}
        value={String(value)}
        onChange={(event) => onChange(event.target.value)}
        className={inputClass}
        {...marks}
      />
    );
  // The error follows the label, so it describes the field without becoming part of its name.
  return (
    <div className={field.type === 'textarea' ? 'md:col-span-2' : undefined}>
      <label className="block text-sm font-medium text-slate-800">
        {label}
        {control}
      </label>
      {error}
    </div>
  );
}
