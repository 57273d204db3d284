import type { PrismaClient } from '@/lib/db/client';
import { flowSummaries } from '@/lib/metrics/flow-summaries';
import { openTaskRisks } from '@/lib/metrics/open-task-risks';
import { storedWorkCalendar } from '@/lib/time/work-calendar';
import type { FlowAlertFigures } from './alert-conditions';

/** A flow whose rules are checked, with what its figures need. */
export type CheckedFlow = {
  id: string;
  matchWorkTime: boolean;
  portal: { timeZoneOffset: string; workCalendar: unknown };
};

/**
 * The figures a flow's rules compare with, from the mirror at `now`: the same efficiency and
 * counts as the flows list, the same risks as the flow page. Risks and the forecast are computed
 * only for flows with a rule that needs them.
 */
export async function flowAlertFigures(
  db: PrismaClient,
  flows: readonly CheckedFlow[],
  needs: (flowId: string) => { risks: boolean; forecast: boolean },
  now: Date,
  forecastOf: (flow: CheckedFlow, now: Date) => Promise<number | null>,
): Promise<Map<string, FlowAlertFigures>> {
  const summaries = await flowSummaries(
    db,
    flows.map((flow) => flow.id),
    { now },
  );
  const figures = new Map<string, FlowAlertFigures>();
  for (const flow of flows) {
    const summary = summaries.find((row) => row.flowId === flow.id);
    if (!summary) continue;
    const need = needs(flow.id);
    figures.set(flow.id, {
      efficiency: summary.efficiency.value,
      forecast: need.forecast ? await forecastOf(flow, now) : null,
      pending: summary.counts.pending,
      inProgress: summary.counts.inProgress,
      taskRisks: need.risks ? await taskRisksOf(db, flow, now) : [],
    });
  }
  return figures;
}

async function taskRisksOf(db: PrismaClient, flow: CheckedFlow, now: Date): Promise<FlowAlertFigures['taskRisks']> {
  const risks = await openTaskRisks(
    db,
    {
      id: flow.id,
      matchWorkTime: flow.matchWorkTime,
      calendar: storedWorkCalendar(flow.portal.workCalendar),
      timeZoneOffset: flow.portal.timeZoneOffset,
    },
    now,
  );
  if (risks.size === 0) return [];
  const tasks = await db.task.findMany({
    where: { flowId: flow.id, bitrixTaskId: { in: [...risks.keys()] }, deletedAt: null },
    select: { bitrixTaskId: true, title: true, responsibleId: true },
  });
  return tasks.map((task) => ({
    taskId: task.bitrixTaskId,
    title: task.title,
    responsibleId: task.responsibleId,
    probability: risks.get(task.bitrixTaskId)!.probability,
  }));
}
