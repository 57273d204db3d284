/**
 * A schematic of a flow card (three columns and an efficiency line), drawn without figures:
 * real numbers only ever come from a mirrored portal.
 */
export function EfficiencyPreview() {
  const columns = [
    { x: 16, cards: 3, tone: 'fill-amber-200' },
    { x: 116, cards: 2, tone: 'fill-brand-100' },
    { x: 216, cards: 4, tone: 'fill-emerald-200' },
  ];
  return (
    <div aria-hidden className="rounded-2xl border border-slate-200 bg-white p-4 shadow-lg">
      <svg viewBox="0 0 316 220" className="w-full">
        {columns.map((column) => (
          <g key={column.x}>
            <rect x={column.x} y={12} width={84} height={10} rx={5} className="fill-slate-200" />
            {Array.from({ length: column.cards }, (_, index) => (
              <rect
                key={index}
                x={column.x}
                y={32 + index * 26}
                width={84}
                height={20}
                rx={5}
                className={column.tone}
              />
            ))}
          </g>
        ))}
        <line x1={16} x2={300} y1={168} y2={168} strokeDasharray="4 4" className="stroke-slate-300" />
        <path
          d="M16 200 C 60 196, 80 150, 120 160 S 190 190, 220 168 S 270 140, 300 136"
          fill="none"
          strokeWidth={3}
          strokeLinecap="round"
          className="stroke-brand-600"
        />
      </svg>
    </div>
  );
}
