import { z } from 'zod';
import type { PrismaClient } from '@/lib/db/client';
import { offsetMinutes } from '@/lib/bitrix24/portal-dates';
import { dayMs } from '@/lib/time/durations';
import { workingDaysTime, type WorkCalendar } from '@/lib/time/work-calendar';
import { openTaskRisk, stageDurations, type DeadlineRisk } from './deadline-risk';
import { groupByFlow } from './group-by-flow';
import { statusSql } from './task-status-sql';

/** The history a risk learns from (docs/metrics.md, "Deadline risk"). */
export const riskLearningDays = 90;

/** A flow as its risks need it: where it counts time on working days, and its portal's calendar and zone. */
export type RiskFlow = { id: string; matchWorkTime: boolean; calendar: WorkCalendar; timeZoneOffset: string };

const completedSchema = z.object({
  flowId: z.string(),
  createdAt: z.date(),
  startedAt: z.date().nullable(),
  handedInAt: z.date().nullable(),
  closedAt: z.date(),
});
const openSchema = z.object({
  flowId: z.string(),
  bitrixTaskId: z.number(),
  createdAt: z.date(),
  startedAt: z.date().nullable(),
  /** The latest move to review, for a task in review now. */
  inReviewSince: z.date().nullable(),
  deadline: z.date(),
});

/** The deadline risk of every open task of a flow with a deadline, by Bitrix24 task id, at `now`. */
export async function openTaskRisks(db: PrismaClient, flow: RiskFlow, now: Date): Promise<Map<number, DeadlineRisk>> {
  return (await openTaskRisksOfFlows(db, [flow], now)).get(flow.id)!;
}

/**
 * The same for many flows in two statements, by flow id: each from the flow's tasks completed in
 * the last 90 days, stage by stage, on working days where the flow matches work time.
 */
export async function openTaskRisksOfFlows(
  db: PrismaClient,
  flows: readonly RiskFlow[],
  now: Date,
): Promise<Map<string, Map<number, DeadlineRisk>>> {
  const risks = new Map(flows.map((flow) => [flow.id, new Map<number, DeadlineRisk>()]));
  if (flows.length === 0) return risks;
  const flowIds = flows.map((flow) => flow.id);
  const since = new Date(now.getTime() - riskLearningDays * dayMs);
  const [completedRows, openRows] = await Promise.all([
    db.$queryRaw<unknown[]>`
      SELECT t."flowId"::text AS "flowId", t."createdAt", t."startedAt", t."closedAt",
        (SELECT min(c."changedAt") FROM task_change c
         WHERE c."portalId" = t."portalId" AND c."bitrixTaskId" = t."bitrixTaskId" AND c.field = 'status' AND c."toValue" = '4') AS "handedInAt"
      FROM task t
      WHERE t."flowId" = ANY(${flowIds}::uuid[]) AND t."deletedAt" IS NULL AND t.status IN (${statusSql.completed})
        AND t."closedAt" >= ${since} AND t."closedAt" <= ${now}`,
    db.$queryRaw<unknown[]>`
      SELECT t."flowId"::text AS "flowId", t."bitrixTaskId", t."createdAt", t."startedAt", t.deadline,
        CASE WHEN t.status = 4 THEN (SELECT max(c."changedAt") FROM task_change c
          WHERE c."portalId" = t."portalId" AND c."bitrixTaskId" = t."bitrixTaskId" AND c.field = 'status' AND c."toValue" = '4') END AS "inReviewSince"
      FROM task t
      WHERE t."flowId" = ANY(${flowIds}::uuid[]) AND t."deletedAt" IS NULL AND t.status IN (${statusSql.open}) AND t.deadline IS NOT NULL`,
  ]);
  const completedByFlow = groupByFlow(z.array(completedSchema).parse(completedRows));
  const openByFlow = groupByFlow(z.array(openSchema).parse(openRows));
  for (const flow of flows) {
    const open = openByFlow.get(flow.id) ?? [];
    if (open.length === 0) continue;
    const offset = offsetMinutes(flow.timeZoneOffset);
    const span = (from: number, to: number) =>
      flow.matchWorkTime ? workingDaysTime(flow.calendar, offset, from, to) : Math.max(0, to - from);
    const stages = stageDurations(
      (completedByFlow.get(flow.id) ?? []).map((task) => ({
        createdAt: task.createdAt.getTime(),
        startedAt: task.startedAt?.getTime() ?? null,
        handedInAt: task.handedInAt?.getTime() ?? null,
        closedAt: task.closedAt.getTime(),
      })),
      span,
    );
    const flowRisks = risks.get(flow.id)!;
    for (const task of open) {
      const times = {
        createdAt: task.createdAt.getTime(),
        startedAt: task.startedAt?.getTime() ?? null,
        inReviewSince: task.inReviewSince?.getTime() ?? null,
        deadline: task.deadline.getTime(),
      };
      flowRisks.set(task.bitrixTaskId, openTaskRisk(stages, times, now.getTime(), span));
    }
  }
  return risks;
}
