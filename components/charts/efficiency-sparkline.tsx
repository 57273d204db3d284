'use client';

import { Line, LineChart, ReferenceLine, YAxis } from 'recharts';
import { efficiencyTarget } from '@/lib/dashboards/efficiency-band';
import { seriesColors } from './chart-palette';

const width = 96;
const height = 28;

/**
 * A flow's last 30 days of efficiency, small enough for a table cell. Decoration only: the cell
 * next to it states the figure in text, so it is hidden from assistive technology and has no axes.
 */
export function EfficiencySparkline({ data }: { data: { day: string; efficiency: number }[] }) {
  return (
    <div aria-hidden className="inline-block align-middle" style={{ width, height }}>
      {data.length > 1 && (
        <LineChart data={data} width={width} height={height} margin={{ top: 2, right: 2, bottom: 2, left: 2 }} accessibilityLayer={false}>
          <YAxis hide domain={[0, 100]} />
          <ReferenceLine y={efficiencyTarget} stroke={seriesColors.target} strokeOpacity={0.35} strokeDasharray="2 2" />
          <Line type="linear" dataKey="efficiency" stroke={seriesColors.efficiency} strokeWidth={1.5} dot={false} isAnimationActive={false} />
        </LineChart>
      )}
    </div>
  );
}
