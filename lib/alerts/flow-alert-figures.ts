import type { PrismaClient } from '@/lib/db/client';
import { flowOutlooks } from '@/lib/metrics/flow-outlooks';
import { flowSummaries } from '@/lib/metrics/flow-summaries';
import { storedWorkCalendar } from '@/lib/time/work-calendar';
import type { FlowAlertFigures } from './alert-conditions';

/** A flow whose rules are checked, with what its figures need. */
export type CheckedFlow = {
  id: string;
  matchWorkTime: boolean;
  portal: { timeZoneOffset: string; workCalendar: unknown };
};

/** The forecast an alert compares with: the median efficiency this many days ahead. */
export const alertForecastDays = 7;

/**
 * The figures a flow's rules compare with, from the mirror at `now`: the same efficiency and
 * counts as the flows list, the same risks and forecast as the flow page. Risks and the forecast
 * are computed only for flows with a rule that needs them.
 */
export async function flowAlertFigures(
  db: PrismaClient,
  flows: readonly CheckedFlow[],
  needsOutlook: (flowId: string) => boolean,
  now: Date,
): Promise<Map<string, FlowAlertFigures>> {
  const looking = flows.filter((flow) => needsOutlook(flow.id));
  const [summaries, outlooks] = await Promise.all([
    flowSummaries(
      db,
      flows.map((flow) => flow.id),
      { now },
    ),
    flowOutlooks(
      db,
      looking.map((flow) => ({
        id: flow.id,
        matchWorkTime: flow.matchWorkTime,
        calendar: storedWorkCalendar(flow.portal.workCalendar),
        timeZoneOffset: flow.portal.timeZoneOffset,
      })),
      now,
    ),
  ]);
  const risky = [...outlooks.values()].flatMap((outlook) => [...outlook.risks.keys()]);
  const tasks =
    risky.length === 0
      ? []
      : await db.task.findMany({
          where: { flowId: { in: looking.map((flow) => flow.id) }, bitrixTaskId: { in: risky }, deletedAt: null },
          select: { flowId: true, bitrixTaskId: true, title: true, responsibleId: true },
        });
  const figures = new Map<string, FlowAlertFigures>();
  for (const flow of flows) {
    const summary = summaries.find((row) => row.flowId === flow.id);
    if (!summary) continue;
    const outlook = outlooks.get(flow.id);
    figures.set(flow.id, {
      efficiency: summary.efficiency.value,
      forecast: outlook?.forecast.points.find((point) => point.days === alertForecastDays)?.median ?? null,
      pending: summary.counts.pending,
      inProgress: summary.counts.inProgress,
      taskRisks: outlook
        ? tasks
            .filter((task) => task.flowId === flow.id && outlook.risks.has(task.bitrixTaskId))
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
