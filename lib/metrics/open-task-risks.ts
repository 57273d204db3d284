import { z } from 'zod';
import type { PrismaClient } from '@/lib/db/client';
import { offsetMinutes } from '@/lib/bitrix24/portal-dates';
import { dayMs } from '@/lib/time/durations';
import { workingDaysTime, type WorkCalendar } from '@/lib/time/work-calendar';
import { openTaskRisk, stageDurations, type DeadlineRisk } from './deadline-risk';
import { statusSql } from './task-status-sql';

/** The history a risk learns from (docs/metrics.md, "Deadline risk"). */
export const riskLearningDays = 90;

const completedSchema = z.object({
  createdAt: z.date(),
  startedAt: z.date().nullable(),
  handedInAt: z.date().nullable(),
  closedAt: z.date(),
});
const openSchema = z.object({
  bitrixTaskId: z.number(),
  createdAt: z.date(),
  startedAt: z.date().nullable(),
  /** The latest move to review, for a task in review now. */
  inReviewSince: z.date().nullable(),
  deadline: z.date(),
});

/**
 * The deadline risk of every open task of a flow with a deadline, by Bitrix24 task id, at `now`:
 * from the flow's tasks completed in the last 90 days, stage by stage, on working days where the
 * flow matches work time.
 */
export async function openTaskRisks(
  db: PrismaClient,
  flow: { id: string; matchWorkTime: boolean; calendar: WorkCalendar; timeZoneOffset: string },
  now: Date,
): Promise<Map<number, DeadlineRisk>> {
  const since = new Date(now.getTime() - riskLearningDays * dayMs);
  const [completedRows, openRows] = await Promise.all([
    db.$queryRaw<unknown[]>`
      SELECT t."createdAt", t."startedAt", t."closedAt",
        (SELECT min(c."changedAt") FROM task_change c
         WHERE c."portalId" = t."portalId" AND c."bitrixTaskId" = t."bitrixTaskId" AND c.field = 'status' AND c."toValue" = '4') AS "handedInAt"
      FROM task t
      WHERE t."flowId" = ${flow.id}::uuid AND t."deletedAt" IS NULL AND t.status IN (${statusSql.completed})
        AND t."closedAt" >= ${since} AND t."closedAt" <= ${now}`,
    db.$queryRaw<unknown[]>`
      SELECT t."bitrixTaskId", t."createdAt", t."startedAt", t.deadline,
        CASE WHEN t.status = 4 THEN (SELECT max(c."changedAt") FROM task_change c
          WHERE c."portalId" = t."portalId" AND c."bitrixTaskId" = t."bitrixTaskId" AND c.field = 'status' AND c."toValue" = '4') END AS "inReviewSince"
      FROM task t
      WHERE t."flowId" = ${flow.id}::uuid AND t."deletedAt" IS NULL AND t.status IN (${statusSql.open}) AND t.deadline IS NOT NULL`,
  ]);
  const offset = offsetMinutes(flow.timeZoneOffset);
  const span = (from: number, to: number) =>
    flow.matchWorkTime ? workingDaysTime(flow.calendar, offset, from, to) : Math.max(0, to - from);
  const stages = stageDurations(
    z
      .array(completedSchema)
      .parse(completedRows)
      .map((task) => ({
        createdAt: task.createdAt.getTime(),
        startedAt: task.startedAt?.getTime() ?? null,
        handedInAt: task.handedInAt?.getTime() ?? null,
        closedAt: task.closedAt.getTime(),
      })),
    span,
  );
  const risks = new Map<number, DeadlineRisk>();
  for (const task of z.array(openSchema).parse(openRows)) {
    const times = {
      createdAt: task.createdAt.getTime(),
      startedAt: task.startedAt?.getTime() ?? null,
      inReviewSince: task.inReviewSince?.getTime() ?? null,
      deadline: task.deadline.getTime(),
    };
    risks.set(task.bitrixTaskId, openTaskRisk(stages, times, now.getTime(), span));
  }
  return risks;
}
