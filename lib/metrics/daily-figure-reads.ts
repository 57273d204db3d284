import { z } from 'zod';
import type { PrismaClient } from '@/lib/db/client';
import type { FlowDayFigure } from './day-figure-definition';

/**
 * Chart series of one flow read from FlowDailyFigure (written by daily-figure-rollup.ts), so a chart
 * over months reads one row per day, not every task. The caller checks the viewer may see the flow.
 */
/** A day's figures as charts read them: the stored row without the per-assignee detail. */
export type DailyFlowFigure = Omit<FlowDayFigure, 'assigneeLoad'>;

/** A week (Monday date): throughput and intake summed; the other figures as of the week's last day. */
export type WeeklyFlowFigure = Omit<DailyFlowFigure, 'day' | 'completedToday'> & {
  week: string;
  lastDay: string;
  throughput: number;
};

const rangeSchema = z
  .object({ from: z.iso.date(), to: z.iso.date() })
  .refine((range) => range.from <= range.to, 'from must not be after to');

export type DayRange = z.input<typeof rangeSchema>;

const figureColumns = {
  efficiency: z.number(),
  pending: z.number(),
  inProgress: z.number(),
  awaitingReview: z.number(),
  completed: z.number(),
  created: z.number(),
  overdue: z.number(),
  leadP50: z.number().nullable(),
  leadP85: z.number().nullable(),
  leadP95: z.number().nullable(),
};
const dailyRowSchema = z.object({ day: z.string(), completedToday: z.number(), ...figureColumns });
const weeklyRowSchema = z.object({ week: z.string(), lastDay: z.string(), throughput: z.number(), ...figureColumns });

/** Day by day, from `from` to `to` inclusive (portal days); days not rolled up are absent. */
export async function dailyFlowSeries(db: PrismaClient, flowId: string, range: DayRange): Promise<DailyFlowFigure[]> {
  const id = z.uuid().parse(flowId);
  const { from, to } = rangeSchema.parse(range);
  const rows = await db.$queryRaw<unknown[]>`
    SELECT to_char(day, 'YYYY-MM-DD') AS day, efficiency, pending, "inProgress", "awaitingReview", completed,
      "completedToday", created, overdue, "leadP50", "leadP85", "leadP95"
    FROM flow_daily_figure
    WHERE "flowId" = ${id}::uuid AND day BETWEEN ${from}::date AND ${to}::date
    ORDER BY day`;
  return z.array(dailyRowSchema).parse(rows);
}

/** Week by week (ISO weeks, Monday dates) over the days from `from` to `to`. */
export async function weeklyFlowSeries(db: PrismaClient, flowId: string, range: DayRange): Promise<WeeklyFlowFigure[]> {
  const id = z.uuid().parse(flowId);
  const { from, to } = rangeSchema.parse(range);
  const rows = await db.$queryRaw<unknown[]>`
    WITH figures AS (
      SELECT *, date_trunc('week', day::timestamp)::date AS week
      FROM flow_daily_figure
      WHERE "flowId" = ${id}::uuid AND day BETWEEN ${from}::date AND ${to}::date
    ),
    sums AS (
      SELECT week, sum("completedToday")::int AS throughput, sum(created)::int AS created FROM figures GROUP BY week
    ),
    week_end AS (
      SELECT DISTINCT ON (week) * FROM figures ORDER BY week, day DESC
    )
    SELECT to_char(e.week, 'YYYY-MM-DD') AS week, to_char(e.day, 'YYYY-MM-DD') AS "lastDay", s.throughput, s.created,
      e.efficiency, e.pending, e."inProgress", e."awaitingReview", e.completed, e.overdue, e."leadP50", e."leadP85", e."leadP95"
    FROM week_end e JOIN sums s ON s.week = e.week
    ORDER BY e.week`;
  return z.array(weeklyRowSchema).parse(rows);
}
