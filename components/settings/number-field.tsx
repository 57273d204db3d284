/** A whole number from 1 (a limit or a number of days), with a hint under it when there is one; `fullRow` takes the grid's row with a short input. */
export function NumberField({
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
