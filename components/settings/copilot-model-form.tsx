'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { Fragment, useId, useState, type FormEvent } from 'react';
import { z } from 'zod';
import { buttonStyles } from '@/components/ui/button-styles';
import { FormAlert } from '@/components/ui/form-alert';
import { saveCopilotModelAction } from '@/lib/actions/save-copilot-model';
import { testModelConnectionAction } from '@/lib/actions/test-model-connection';
import {
  gigachatScopes,
  providerConfigSchema,
  providerKinds,
  yandexAuthKinds,
  type ProviderConfig,
  type ProviderKind,
} from '@/lib/ai/provider-config';
import type { DeploymentCaStatus } from '@/lib/ai/deployment-ca';
import type { ConnectionTest } from '@/lib/ai/test-connection';
import type { CopilotSettings } from '@/lib/copilot/settings/copilot-settings';
import { SettingsSection } from './settings-section';

type Field = {
  name: string;
  type: 'text' | 'url' | 'checkbox' | 'textarea' | { options: readonly string[] };
  optional?: boolean;
  /** A first value where lib/ai/provider-config.ts declares no default. */
  suggested?: string;
};

/** The settings each provider takes besides its secret. */
const fields: Record<Exclude<ProviderKind, 'builtin'>, Field[]> = {
  openai_compatible: [
    { name: 'baseURL', type: 'url', suggested: 'http://localhost:11434/v1' },
    { name: 'model', type: 'text' },
    { name: 'supportsJsonSchema', type: 'checkbox' },
  ],
  yandexgpt: [
    { name: 'folderId', type: 'text' },
    { name: 'auth', type: { options: yandexAuthKinds } },
    { name: 'model', type: 'text' },
    { name: 'baseURL', type: 'url' },
    { name: 'iamURL', type: 'url' },
  ],
  gigachat: [
    { name: 'scope', type: { options: gigachatScopes } },
    { name: 'model', type: 'text' },
    { name: 'baseURL', type: 'url' },
    { name: 'authURL', type: 'url' },
    { name: 'caPem', type: 'textarea', optional: true },
    { name: 'structuredOutput', type: 'checkbox' },
  ],
  bitrixgpt: [
    { name: 'model', type: 'text' },
    { name: 'baseURL', type: 'url' },
  ],
};

/** A field's first value: the default lib/ai/provider-config.ts declares, else the form's suggestion, else empty. */
function initialValue(kind: Exclude<ProviderKind, 'builtin'>, field: Field): string | boolean {
  const option = providerConfigSchema.options.find((candidate) => candidate.shape.kind.value === kind);
  const declared = option && (option.shape as Record<string, z.ZodType>)[field.name];
  if (declared instanceof z.ZodDefault) return declared.def.defaultValue as string | boolean;
  return field.suggested ?? (field.type === 'checkbox' ? false : '');
}

type Values = Record<string, string | boolean>;

/** Why Save or Test did not go ahead, each with its own message. */
const refusals = ['invalid', 'failed', 'secret-required', 'demo-account'] as const;
type Refusal = (typeof refusals)[number];
const isRefusal = (value: string): value is Refusal => (refusals as readonly string[]).includes(value);

function initialValues(provider: ProviderConfig): Record<ProviderKind, Values> {
  const values = Object.fromEntries(
    providerKinds.map((kind) => [
      kind,
      kind === 'builtin'
        ? {}
        : Object.fromEntries(fields[kind].map((field) => [field.name, initialValue(kind, field)])),
    ]),
  ) as Record<ProviderKind, Values>;
  values[provider.kind] = { ...values[provider.kind], ...(provider as unknown as Values) };
  return values;
}

/** The provider config the form holds for a kind; empty optional fields are left out. */
function providerOf(kind: ProviderKind, values: Values): ProviderConfig {
  if (kind === 'builtin') return { kind };
  const entries = fields[kind].flatMap((field) =>
    field.optional && values[field.name] === '' ? [] : [[field.name, values[field.name]]],
  );
  // Checked with the same zod schema here (checkProvider) and on the server.
  return { kind, ...Object.fromEntries(entries) } as ProviderConfig;
}

/** The admin's choice of CoPilot's model and its key, with a Test button; the answer language, the limits and how long request logs are kept. */
export function CopilotModelForm({
  settings,
  deploymentCa,
}: {
  settings: CopilotSettings;
  deploymentCa: DeploymentCaStatus | null;
}) {
  const t = useTranslations('copilot.model');
  const router = useRouter();
  const [kind, setKind] = useState<ProviderKind>(settings.provider.kind);
  const [values, setValues] = useState(() => initialValues(settings.provider));
  const [secret, setSecret] = useState('');
  const [answerLanguage, setAnswerLanguage] = useState(settings.answerLanguage);
  const [hourlyLimit, setHourlyLimit] = useState(String(settings.hourlyRequestLimit));
  const [monthlyLimit, setMonthlyLimit] = useState(
    settings.monthlyRequestLimit === null ? '' : String(settings.monthlyRequestLimit),
  );
  const [userDailyLimit, setUserDailyLimit] = useState(
    settings.userDailyLimit === null ? '' : String(settings.userDailyLimit),
  );
  const [retentionDays, setRetentionDays] = useState(String(settings.logRetentionDays));
  const [test, setTest] = useState<ConnectionTest | 'running' | null>(null);
  const [status, setStatus] = useState<'saving' | 'saved' | Refusal | null>(null);
  const [invalidFields, setInvalidFields] = useState<ReadonlySet<string>>(new Set());
  const storedSecret = settings.secretSet && settings.provider.kind === kind;

  // A key typed for one provider is never sent to another.
  const choose = (option: ProviderKind) => {
    setKind(option);
    setSecret('');
    setTest(null);
    setInvalidFields(new Set());
  };
  const set = (name: string, value: string | boolean) =>
    setValues((current) => ({ ...current, [kind]: { ...current[kind], [name]: value } }));

  /** The same check the server makes, first here, so each wrong field is marked where it is. */
  function checkProvider(): boolean {
    const checked = providerConfigSchema.safeParse(providerOf(kind, values[kind]));
    setInvalidFields(new Set(checked.success ? [] : checked.error.issues.map((issue) => String(issue.path[0]))));
    return checked.success;
  }

  async function runTest() {
    if (!checkProvider()) {
      setTest(null);
      return setStatus('invalid');
    }
    setStatus(null);
    setTest('running');
    const result = await testModelConnectionAction({ provider: providerOf(kind, values[kind]), secret }).catch(
      () => null,
    );
    if (result && !result.ok && isRefusal(result.error)) {
      setTest(null);
      return setStatus(result.error);
    }
    setTest(result?.ok ? result.data : { ok: false, code: 'provider_error' });
  }

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!checkProvider()) return setStatus('invalid');
    setStatus('saving');
    const optional = (value: string) => (value.trim() === '' ? null : Number(value));
    const result = await saveCopilotModelAction({
      provider: providerOf(kind, values[kind]),
      secret,
      answerLanguage,
      hourlyRequestLimit: Number(hourlyLimit),
      monthlyRequestLimit: optional(monthlyLimit),
      userDailyLimit: optional(userDailyLimit),
      logRetentionDays: Number(retentionDays),
    }).catch(() => null);
    if (!result?.ok) return setStatus(result && isRefusal(result.error) ? result.error : 'failed');
    setStatus('saved');
    setSecret('');
    router.refresh();
  }

  return (
    <SettingsSection title={t('title')} hint={t('hint')}>
      <form onSubmit={save} className="mt-4 space-y-5">
        <fieldset>
          <legend className="text-sm font-semibold text-slate-900">{t('provider')}</legend>
          <div className="mt-2 grid gap-2 md:grid-cols-2">
            {providerKinds.map((option) => (
              <label
                key={option}
                className="flex gap-2 rounded-lg border border-slate-200 p-3 text-sm has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50"
              >
                <input
                  type="radio"
                  name="provider"
                  value={option}
                  checked={kind === option}
                  onChange={() => choose(option)}
                  className="mt-1"
                />
                <span>
                  <span className="block font-medium text-slate-900">{t(`kinds.${option}.name`)}</span>
                  <span className="block text-slate-600">{t(`kinds.${option}.hint`)}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>

        {kind !== 'builtin' && (
          <fieldset className="grid gap-3 md:grid-cols-2">
            <legend className="mb-2 text-sm font-semibold text-slate-900">{t(`kinds.${kind}.name`)}</legend>
            <label className="block text-sm font-medium text-slate-800 md:col-span-2">
              {t(`secret.${kind}`)}
              <input
                type="password"
                autoComplete="off"
                value={secret}
                onChange={(event) => setSecret(event.target.value)}
                placeholder={storedSecret ? t('secretKept') : ''}
                aria-invalid={status === 'secret-required' || undefined}
                className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm aria-[invalid]:border-red-600"
              />
              <span className="mt-1 block text-xs font-normal text-slate-600">
                {storedSecret ? t('secretSet') : kind === 'bitrixgpt' ? t('bitrixgptUnavailable') : t('secretNotSet')}
              </span>
            </label>
            {fields[kind].map((field) => (
              <Fragment key={field.name}>
                <FormField
                  field={field}
                  label={t(`fields.${field.name}`)}
                  invalid={invalidFields.has(field.name)}
                  value={values[kind][field.name] ?? initialValue(kind, field)}
                  onChange={(value) => set(field.name, value)}
                />
                {field.name === 'caPem' && <DeploymentCaNote status={deploymentCa} />}
              </Fragment>
            ))}
          </fieldset>
        )}

        <div className="grid gap-3 md:grid-cols-2">
          <label className="block text-sm font-medium text-slate-800">
            {t('language')}
            <select
              value={answerLanguage}
              onChange={(event) => setAnswerLanguage(event.target.value as typeof answerLanguage)}
              className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
            >
              {(['viewer', 'ru', 'en'] as const).map((option) => (
                <option key={option} value={option}>
                  {t(`languages.${option}`)}
                </option>
              ))}
            </select>
          </label>
          <NumberField
            label={t('hourlyLimit')}
            value={hourlyLimit}
            onChange={setHourlyLimit}
            max={100_000}
            required
            hint={t('hourlyLimitHint')}
          />
          <NumberField
            label={t('monthlyLimit')}
            value={monthlyLimit}
            onChange={setMonthlyLimit}
            placeholder={t('noLimit')}
          />
          <NumberField
            label={t('userDailyLimit')}
            value={userDailyLimit}
            onChange={setUserDailyLimit}
            placeholder={t('noLimit')}
          />
          <NumberField
            label={t('retention')}
            value={retentionDays}
            onChange={setRetentionDays}
            max={365}
            required
            hint={t('retentionHint')}
            fullRow
          />
        </div>

        <div className="flex flex-wrap items-center gap-3">
          <button
            type="button"
            className={buttonStyles.secondary}
            onClick={() => void runTest()}
            disabled={test === 'running'}
          >
            {test === 'running' ? t('testing') : t('test')}
          </button>
          <button type="submit" className={buttonStyles.primary} disabled={status === 'saving'}>
            {status === 'saving' ? t('saving') : t('save')}
          </button>
          <p role="status" className="text-sm">
            {test !== null &&
              test !== 'running' &&
              (test.ok ? (
                <span className="text-emerald-800">{t('testOk', { reply: test.reply, ms: test.ms })}</span>
              ) : (
                <span className="text-red-800">
                  {t(`errors.${test.code}`)}{' '}
                  {test.reason &&
                    t(`reasons.${test.reason}`, {
                      status: test.status ?? 0,
                      host: test.host ?? '',
                      range: test.range ?? '',
                      rangeKind: test.rangeKind ?? '',
                      location: test.location ?? '',
                    })}
                </span>
              ))}
            {status === 'saved' && <span className="ml-2 text-emerald-800">{t('saved')}</span>}
          </p>
        </div>
        {status !== null && isRefusal(status) && <FormAlert message={t(status)} />}
      </form>
    </SettingsSection>
  );
}

/** A whole number from 1 (a limit or a number of days), with a hint under it when there is one; `fullRow` takes the grid's row with a short input. */
function NumberField({
  label,
  value,
  onChange,
  max,
  required,
  placeholder,
  hint,
  fullRow,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  max?: number;
  required?: boolean;
  placeholder?: string;
  hint?: string;
  fullRow?: boolean;
}) {
  return (
    <label className={`block text-sm font-medium text-slate-800${fullRow ? ' md:col-span-2' : ''}`}>
      {label}
      <input
        type="number"
        min={1}
        max={max}
        required={required}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        placeholder={placeholder}
        className={`mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm${fullRow ? ' md:w-40' : ''}`}
      />
      {hint && <span className="mt-1 block text-xs font-normal text-slate-600">{hint}</span>}
    </label>
  );
}

/** What the deployment's GigaChat root certificate file (GIGACHAT_CA_FILE) holds, or why it cannot be used. */
function DeploymentCaNote({ status }: { status: DeploymentCaStatus | null }) {
  const t = useTranslations('copilot.model.deploymentCa');
  const text =
    status === null
      ? t('none')
      : 'problem' in status
        ? t(status.problem, { path: status.path })
        : t('loaded', { subject: status.subject, validTo: new Date(status.validTo), path: status.path });
  return (
    <p
      className={`text-xs md:col-span-2 ${status !== null && 'problem' in status ? 'text-red-800' : 'text-slate-600'}`}
    >
      {text}
    </p>
  );
}

function FormField({
  field,
  label,
  invalid,
  value,
  onChange,
}: {
  field: Field;
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
