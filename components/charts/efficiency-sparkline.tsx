import { efficiencyLine } from '@/lib/metrics/efficiency-line';
import { seriesColors } from './chart-palette';

const width = 96;
const height = 28;
const pad = 2;

/**
 * A flow's last 30 days of efficiency, small enough for a table cell. Decoration only: the cell
 * next to it states the figure in text, so it is hidden from assistive technology and has no axes.
 * Drawn as one SVG polyline rather than a chart library's chart: the flows list shows hundreds of
 * them, and each costs the server and the browser next to nothing this way.
 */
export function EfficiencySparkline({ data }: { data: readonly number[] }) {
  const x = (index: number) => pad + (index * (width - 2 * pad)) / Math.max(1, data.length - 1);
  const y = (efficiency: number) => pad + ((100 - efficiency) * (height - 2 * pad)) / 100;
  return (
    <div aria-hidden className="inline-block align-middle" style={{ width, height }}>
      {data.length > 1 && (
        <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`}>
          <line
            x1={pad}
            x2={width - pad}
            y1={y(efficiencyLine)}
            y2={y(efficiencyLine)}
            stroke={seriesColors.target}
            strokeOpacity={0.35}
            strokeDasharray="2 2"
          />
          <polyline
            points={data.map((efficiency, index) => `${x(index).toFixed(1)},${y(efficiency).toFixed(1)}`).join(' ')}
            fill="none"
            stroke={seriesColors.efficiency}
            strokeWidth={1.5}
            strokeLinejoin="round"
          />
        </svg>
      )}
    </div>
  );
}
