import { z } from 'zod';
import { offsetMinutes } from '@/lib/bitrix24/portal-dates';
import type { PrismaClient } from '@/lib/db/client';
import { Prisma } from '@/lib/db/generated/client';
import { weekMs } from '@/lib/time/durations';
import {
  countedDayAfter,
  countedDaysOf,
  countedDaysUntil,
  deliveryForecast,
  deliveryLearningWeeks,
  learnedPace,
  type Confidence,
  type DeliveryForecast,
} from './delivery-forecast';
import type { RiskFlow } from './open-task-risks';
import { portalDaySql, portalTimeSql } from './portal-day-sql';
import { portalDay, shiftDay, startOfPortalDay } from './portal-days';
import { statusSql } from './task-status-sql';

export type FlowDeliveryForecast = DeliveryForecast & {
  /** The open tasks now, which `backlogDays` is about. */
  backlog: number;
  /** `backlogDays` as the portal days (YYYY-MM-DD) by whose end they are done; null with it. */
  doneBy: Record<keyof Confidence, string> | null;
  /** The learned period: its first portal day and its length in weeks (fewer than `deliveryLearningWeeks` for a younger flow); null when there was none. */
  learned: { since: string; weeks: number } | null;
};

const completedDaySchema = z.object({ day: z.string(), completed: z.number(), later: z.number() });
const flowNowSchema = z.object({ backlog: z.number(), firstCreatedAt: z.date().nullable() });

/**
 * A flow's delivery forecast at `now` from the mirror (docs/metrics.md, "Delivery forecasts"):
 * "when will the open tasks be done" and "how many within `horizonDays` counted days" (turn a
 * date into them with `deliveryDaysUntil`). The backlog is every open task (new, pending, in
 * progress and awaiting review: a task waiting for its review still has to be accepted before it
 * counts as completed, as the pace counts them). `now` is the mirror's present: open tasks are
 * read as they stand. The caller checks access.
 */
export async function deliveryForecastOf(
  db: PrismaClient,
  flow: RiskFlow,
  now: Date,
  horizonDays = 14,
): Promise<FlowDeliveryForecast> {
  const offset = flow.timeZoneOffset;
  const today = portalDay(now.getTime(), offset);
  const from = new Date(startOfPortalDay(shiftDay(today, -7 * deliveryLearningWeeks), offset));
  const timeOfDay = new Date(now.getTime() + offsetMinutes(offset) * 60_000).toISOString().slice(11, 23);
  const closedAt = Prisma.sql`"closedAt"`;
  const [completedRows, flowRows] = await Promise.all([
    db.$queryRaw<unknown[]>`
      SELECT to_char(${portalDaySql(closedAt, offset)}, 'YYYY-MM-DD') AS day, count(*)::int AS completed,
        (count(*) FILTER (WHERE ${portalTimeSql(closedAt, offset)}::time > ${timeOfDay}::time))::int AS later
      FROM task
      WHERE "flowId" = ${flow.id}::uuid AND "deletedAt" IS NULL AND status IN (${statusSql.completed})
        AND "closedAt" >= ${from} AND "closedAt" < ${new Date(startOfPortalDay(today, offset))}
      GROUP BY 1`,
    db.$queryRaw<unknown[]>`
      SELECT
        (SELECT count(*)::int FROM task WHERE "flowId" = ${flow.id}::uuid AND "deletedAt" IS NULL
          AND status IN (${statusSql.open}) AND "createdAt" <= ${now}) AS backlog,
        (SELECT min("createdAt") FROM task WHERE "flowId" = ${flow.id}::uuid AND "deletedAt" IS NULL) AS "firstCreatedAt"`,
  ]);
  const completed = new Map(
    z
      .array(completedDaySchema)
      .parse(completedRows)
      .map(({ day, ...done }) => [day, done]),
  );
  const { backlog, firstCreatedAt } = flowNowSchema.parse(flowRows[0]);
  const counts = countedDaysOf(flow);
  const pace = learnedPace(completed, {
    today,
    // A flow without tasks has no days to learn from.
    firstDay: firstCreatedAt === null ? today : portalDay(firstCreatedAt.getTime(), offset),
    counts,
  });
  const forecast = deliveryForecast({ daily: pace.daily, restOfToday: pace.restOfToday, backlog, horizonDays });
  const days = forecast.backlogDays;
  const dayAfter = (count: number) => countedDayAfter(counts, today, count);
  return {
    ...forecast,
    backlog,
    doneBy: days === null ? null : { p50: dayAfter(days.p50), p85: dayAfter(days.p85), p95: dayAfter(days.p95) },
    learned:
      pace.since === null ? null : { since: pace.since, weeks: (Date.parse(today) - Date.parse(pace.since)) / weekMs },
  };
}

/** "How many by `day`" (a portal day, "YYYY-MM-DD"): the counted days after today (working days where the flow matches work time) up to it. */
export function deliveryDaysUntil(flow: RiskFlow, now: Date, day: string): number {
  return countedDaysUntil(countedDaysOf(flow), portalDay(now.getTime(), flow.timeZoneOffset), day);
}
