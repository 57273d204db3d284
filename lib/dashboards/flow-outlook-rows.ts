import type { PrismaClient } from '@/lib/db/client';
import { flowOutlooks } from '@/lib/metrics/flow-outlooks';
import { riskFlowsOf } from '@/lib/metrics/risk-flows';
import type { FlowListRow } from './dashboard-types';

/**
 * The rows with what lies ahead filled in: the open tasks likely late and the efficiency forecast
 * with its drop. A simulation per flow, so callers pass the rows they show, not every flow.
 */
export async function withOutlooks(
  db: PrismaClient,
  rows: readonly FlowListRow[],
  now = new Date(),
): Promise<FlowListRow[]> {
  const outlooks = await flowOutlooks(
    db,
    await riskFlowsOf(
      db,
      rows.map((row) => row.id),
    ),
    now,
  );
  return rows.map((row) => {
    const outlook = outlooks.get(row.id);
    if (!outlook) return row;
    const furthest = outlook.forecast.points.at(-1)!.median;
    return {
      ...row,
      likelyLate: outlook.likelyLate,
      forecast: { ...outlook.forecast, drop: row.efficiency.value === null ? null : row.efficiency.value - furthest },
    };
  });
}
