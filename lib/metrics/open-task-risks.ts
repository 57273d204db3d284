import { z } from 'zod';
import type { PrismaClient } from '@/lib/db/client';
import { Prisma } from '@/lib/db/generated/client';
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

// Moments come as epoch milliseconds: a list of many flows reads a hundred thousand completed
// tasks, and numbers cost half of what timestamps do to read.
const completedSchema = z.object({
  flowId: z.string(),
  createdAt: z.number(),
  startedAt: z.number().nullable(),
  handedInAt: z.number().nullable(),
  closedAt: z.number(),
});
const openSchema = z.object({
  flowId: z.string(),
  bitrixTaskId: z.number(),
  createdAt: z.number(),
  startedAt: z.number().nullable(),
  /** The latest move to review, for a task in review now. */
  inReviewSince: z.number().nullable(),
  deadline: z.number(),
});
const ms = (moment: Prisma.Sql) => Prisma.sql`(extract(epoch FROM ${moment}) * 1000)::float8`;

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
      SELECT t."flowId"::text AS "flowId", ${ms(Prisma.sql`t."createdAt"`)} AS "createdAt",
        ${ms(Prisma.sql`t."startedAt"`)} AS "startedAt", ${ms(Prisma.sql`t."closedAt"`)} AS "closedAt",
        ${ms(Prisma.sql`(SELECT min(c."changedAt") FROM task_change c
         WHERE c."portalId" = t."portalId" AND c."bitrixTaskId" = t."bitrixTaskId" AND c.field = 'status' AND c."toValue" = '4')`)} AS "handedInAt"
      FROM task t
      WHERE t."flowId" = ANY(${flowIds}::uuid[]) AND t."deletedAt" IS NULL AND t.status IN (${statusSql.completed})
        AND t."closedAt" >= ${since} AND t."closedAt" <= ${now}`,
    db.$queryRaw<unknown[]>`
      SELECT t."flowId"::text AS "flowId", t."bitrixTaskId", ${ms(Prisma.sql`t."createdAt"`)} AS "createdAt",
        ${ms(Prisma.sql`t."startedAt"`)} AS "startedAt", ${ms(Prisma.sql`t.deadline`)} AS deadline,
        ${ms(Prisma.sql`CASE WHEN t.status = 4 THEN (SELECT max(c."changedAt") FROM task_change c
          WHERE c."portalId" = t."portalId" AND c."bitrixTaskId" = t."bitrixTaskId" AND c.field = 'status' AND c."toValue" = '4') END`)} AS "inReviewSince"
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
    const stages = stageDurations(completedByFlow.get(flow.id) ?? [], span);
    const flowRisks = risks.get(flow.id)!;
    for (const task of open) flowRisks.set(task.bitrixTaskId, openTaskRisk(stages, task, now.getTime(), span));
  }
  return risks;
}
