import type { ReactNode } from 'react';

/** One headline figure: a label, the value, and a line that says what it covers. */
export function FigureTile({
  label,
  value,
  detail,
  tone = 'plain',
  figure,
}: {
  label: string;
  value: ReactNode;
  detail?: ReactNode;
  tone?: 'plain' | 'alert';
  /** A stable name for the value (data-figure), so tests can compare figures across pages. */
  figure?: string;
}) {
  return (
    <div className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-600">{label}</dt>
      <dd
        data-figure={figure}
        className={`mt-1 text-2xl font-semibold tabular-nums ${tone === 'alert' ? 'text-red-700' : 'text-slate-900'}`}
      >
        {value}
      </dd>
      {detail && <dd className="mt-0.5 text-xs text-slate-600">{detail}</dd>}
    </div>
  );
}
