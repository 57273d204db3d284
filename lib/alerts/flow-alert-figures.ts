import type { PrismaClient } from '@/lib/db/client';
import { flowOutlooks } from '@/lib/metrics/flow-outlooks';
import { flowSummaries } from '@/lib/metrics/flow-summaries';
import { riskFlowsOf } from '@/lib/metrics/risk-flows';
import type { FlowAlertFigures } from './alert-conditions';

/** The forecast an alert compares with: the median efficiency this many days ahead. */
export const alertForecastDays = 7;

/**
 * The figures a flow's rules compare with, from the mirror at `now`: the same efficiency and
 * counts as the flows list, the same risks and forecast as the flow page. Risks and the forecast
 * are computed only for flows with a rule that needs them.
 */
export async function flowAlertFigures(
  db: PrismaClient,
  flowIds: readonly string[],
  needsOutlook: (flowId: string) => boolean,
  now: Date,
): Promise<Map<string, FlowAlertFigures>> {
  const looking = flowIds.filter(needsOutlook);
  const [summaries, outlooks] = await Promise.all([
    flowSummaries(db, flowIds, { now }),
    riskFlowsOf(db, looking).then((flows) => flowOutlooks(db, flows, now)),
  ]);
  const risky = [...outlooks.values()].flatMap((outlook) => [...outlook.risks.keys()]);
  const tasks =
    risky.length === 0
      ? []
      : await db.task.findMany({
          where: { flowId: { in: looking }, bitrixTaskId: { in: risky }, deletedAt: null },
          select: { flowId: true, bitrixTaskId: true, title: true, responsibleId: true },
        });
  const figures = new Map<string, FlowAlertFigures>();
  for (const flowId of flowIds) {
    const summary = summaries.find((row) => row.flowId === flowId);
    if (!summary) continue;
    const outlook = outlooks.get(flowId);
    figures.set(flowId, {
      efficiency: summary.efficiency.value,
      forecast: outlook?.forecast.points.find((point) => point.days === alertForecastDays)?.median ?? null,
      pending: summary.counts.pending,
      inProgress: summary.counts.inProgress,
      taskRisks: outlook
        ? tasks
            .filter((task) => task.flowId === flowId && outlook.risks.has(task.bitrixTaskId))
            .map((task) => ({
              taskId: task.bitrixTaskId,
              title: task.title,
              responsibleId: task.responsibleId,
              probability: outlook.risks.get(task.bitrixTaskId)!.probability,
            }))
        : [],
    });
  }
  return figures;
}
