import { z } from 'zod';
import type { PrismaClient } from '@/lib/db/client';
import type { Prisma } from '@/lib/db/generated/client';
import { weekOf } from '@/lib/metrics/portal-days';
import type { ChartPeriod, EfficiencyBucket, EfficiencyMover, FlowListRow, Overview } from './dashboard-types';
import { efficiencyBand } from './efficiency-band';
import { defaultChartPeriod } from './chart-period';
import { flowsList } from './flows-list';
import { periodWindow } from './portal-window';

/** Ranges of the efficiency distribution: the lower half together, then tens up to the 80 % line and past it. */
const bucketRanges: [number, number][] = [[0, 49], [50, 59], [60, 69], [70, 79], [80, 89], [90, 100]];
const moversShown = 5;

const dailyRowSchema = z.object({ day: z.string(), efficiency: z.number(), flows: z.number() });
const weekRowSchema = z.object({ flowId: z.string(), week: z.string(), efficiency: z.number() });

function movers(rows: readonly FlowListRow[]): Overview['movers'] {
  const moved = rows.flatMap((row): EfficiencyMover[] =>
    row.efficiency.value !== null && row.efficiency.previous !== null && row.efficiency.change !== 0
      ? [{ id: row.id, name: row.name, efficiency: row.efficiency.value, previous: row.efficiency.previous, change: row.efficiency.change! }]
      : [],
  );
  return {
    up: moved.filter((mover) => mover.change > 0).sort((a, b) => b.change - a.change || a.name.localeCompare(b.name)).slice(0, moversShown),
    down: moved.filter((mover) => mover.change < 0).sort((a, b) => a.change - b.change || a.name.localeCompare(b.name)).slice(0, moversShown),
  };
}

/**
 * The executive overview over the flows within `flows` (the caller's access filter): totals and
 * the efficiency distribution from the flows list's rows (so the pages agree), the biggest
 * movers against the previous 30 days, the mean efficiency per day and a flows × weeks heat map
 * from the daily figures over the chosen period.
 */
export async function overview(
  db: PrismaClient,
  flows: Prisma.FlowWhereInput,
  options: { now?: Date; days?: ChartPeriod } = {},
): Promise<Overview> {
  const now = options.now ?? new Date();
  const list = await flowsList(db, flows, { now });
  const period = periodWindow(now.getTime(), options.days ?? defaultChartPeriod, list.window.timeZoneOffset);
  const flowIds = list.rows.map((row) => row.id);
  const [dailyRows, weekRows] = await Promise.all([
    db.$queryRaw<unknown[]>`
      SELECT to_char(day, 'YYYY-MM-DD') AS day, round(avg(efficiency))::int AS efficiency, count(*)::int AS flows
      FROM flow_daily_figure
      WHERE "flowId" = ANY(${flowIds}::uuid[]) AND day BETWEEN ${period.from}::date AND ${period.to}::date
      GROUP BY day ORDER BY day`,
    db.$queryRaw<unknown[]>`
      SELECT DISTINCT ON ("flowId", week) "flowId"::text AS "flowId", to_char(week, 'YYYY-MM-DD') AS week, efficiency
      FROM (
        SELECT "flowId", day, efficiency, date_trunc('week', day::timestamp)::date AS week
        FROM flow_daily_figure
        WHERE "flowId" = ANY(${flowIds}::uuid[]) AND day BETWEEN ${period.from}::date AND ${period.to}::date
      ) figures
      ORDER BY "flowId", week, day DESC`,
  ]);

  const withValue = list.rows.filter((row) => row.efficiency.value !== null);
  const sum = (pick: (row: FlowListRow) => number) => list.rows.reduce((total, row) => total + pick(row), 0);
  const weeks: string[] = [];
  for (let week = weekOf(period.from); week <= period.to; week = new Date(Date.parse(`${week}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10)) weeks.push(week);
  const cells = new Map(z.array(weekRowSchema).parse(weekRows).map((row) => [`${row.flowId}:${row.week}`, row.efficiency]));

  return {
    window: list.window,
    period,
    totals: {
      flows: list.rows.length,
      activeFlows: list.rows.filter((row) => row.active).length,
      open: sum((row) => row.pending.count + row.inProgress.count + row.awaitingReview),
      overdue: sum((row) => row.overdue),
      atRisk: sum((row) => row.atRisk),
      completed: sum((row) => row.completed),
      efficiency: withValue.length === 0 ? null : Math.round(withValue.reduce((total, row) => total + row.efficiency.value!, 0) / withValue.length),
    },
    daily: z.array(dailyRowSchema).parse(dailyRows),
    buckets: bucketRanges.map(
      ([from, to]): EfficiencyBucket => ({
        from,
        to,
        band: efficiencyBand(from),
        flows: withValue.filter((row) => row.efficiency.value! >= from && row.efficiency.value! <= to).length,
      }),
    ),
    movers: movers(list.rows),
    heatmap: { weeks, rows: list.rows.map((row) => ({ id: row.id, name: row.name, cells: weeks.map((week) => cells.get(`${row.id}:${week}`) ?? null) })) },
  };
}
