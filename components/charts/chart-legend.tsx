export type ChartLegendItem = {
  label: string;
  color: string;
  /** Matches how the series is drawn: a filled area or bar, a line, a dashed reference line, a point, the overdue marker. */
  mark: 'box' | 'line' | 'dashed' | 'dot' | 'triangle';
  dash?: string;
  /** A see-through fill (a band drawn behind a line), as the chart draws it. */
  opacity?: number;
};

function LegendMark({ color, mark, dash, opacity }: Omit<ChartLegendItem, 'label'>) {
  return (
    <svg aria-hidden width={18} height={10} viewBox="0 0 18 10" className="shrink-0">
      {mark === 'box' && <rect x={3} y={0} width={12} height={10} rx={2} fill={color} fillOpacity={opacity} />}
      {mark === 'line' && <line x1={0} x2={18} y1={5} y2={5} stroke={color} strokeWidth={2.5} />}
      {mark === 'dashed' && (
        <line x1={0} x2={18} y1={5} y2={5} stroke={color} strokeWidth={2} strokeDasharray={dash ?? '4 3'} />
      )}
      {mark === 'dot' && <circle cx={9} cy={5} r={4} fill={color} />}
      {mark === 'triangle' && <path d="M9 0 L15 10 L3 10 Z" fill={color} />}
    </svg>
  );
}

/** The key under a chart, drawn the same way for every chart (Recharts' own legend knows only its series). */
export function ChartLegend({ items }: { items: ChartLegendItem[] }) {
  return (
    <ul className="mt-3 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700">
      {items.map((item) => (
        <li key={item.label} className="flex items-center gap-1.5">
          <LegendMark color={item.color} mark={item.mark} dash={item.dash} opacity={item.opacity} />
          {item.label}
        </li>
      ))}
    </ul>
  );
}
