'use client';

import type { TooltipPayload, TooltipPayloadEntry } from 'recharts';

export type ChartTooltipProps = {
  /** Filled in by Recharts when the element is passed as a Tooltip's `content`. */
  active?: boolean;
  payload?: TooltipPayload;
  label?: string | number;
  /** The heading: usually the day or week; per-item charts read their datum from the payload. */
  formatLabel: (label: string | number | undefined, payload: TooltipPayload) => string;
  formatValue: (value: number, entry: TooltipPayloadEntry) => string;
  /** The entries to show, in this order; all of them, as drawn, when left out. */
  dataKeys?: readonly string[];
  /** The dot's colour when the series colour is not the item's (bars coloured one by one). */
  colorOf?: (entry: TooltipPayloadEntry) => string;
};

/** The one tooltip of every chart: `<Tooltip content={<ChartTooltip … />} />`. */
export function ChartTooltip({
  active,
  payload,
  label,
  formatLabel,
  formatValue,
  dataKeys,
  colorOf,
}: ChartTooltipProps) {
  if (!active || !payload || payload.length === 0) return null;
  const entries = dataKeys ? dataKeys.flatMap((key) => payload.filter((entry) => entry.dataKey === key)) : payload;
  return (
    <div className="max-w-72 rounded-md border border-slate-200 bg-white px-3 py-2 text-xs text-slate-700 shadow-md">
      <p className="mb-1 font-semibold break-words text-slate-900">{formatLabel(label, payload)}</p>
      <ul className="space-y-0.5">
        {entries.map((entry) =>
          typeof entry.value === 'number' ? (
            <li key={`${entry.graphicalItemId}-${String(entry.dataKey)}`} className="flex items-center gap-2">
              <span
                aria-hidden
                className="size-2 shrink-0 rounded-full"
                style={{ backgroundColor: colorOf?.(entry) ?? entry.color ?? entry.fill }}
              />
              <span>{entry.name}</span>
              <span className="ml-auto pl-3 font-medium tabular-nums text-slate-900">
                {formatValue(entry.value, entry)}
              </span>
            </li>
          ) : null,
        )}
      </ul>
    </div>
  );
}
