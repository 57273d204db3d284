import { ReferenceLine } from 'recharts';
import { lineLabel } from './chart-palette';
import type { PercentileLine } from './percentile-lines';

/** usePercentileLines' lines as ReferenceLine elements, to place among a drawing's children. */
export function percentileReferenceLines(lines: PercentileLine[]) {
  return lines.map((line) => (
    <ReferenceLine
      key={line.key}
      y={line.days}
      stroke={line.color}
      strokeWidth={1.5}
      strokeDasharray={line.dash}
      ifOverflow="extendDomain"
      label={{
        ...lineLabel,
        value: line.label,
        position: line.key === 'planned' ? 'insideTopLeft' : 'insideTopRight',
        fill: line.color,
      }}
    />
  ));
}
