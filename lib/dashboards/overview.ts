import { z } from 'zod';
import type { PrismaClient } from '@/lib/db/client';
import type { Prisma } from '@/lib/db/generated/client';
import { shiftDay, weekOf } from '@/lib/metrics/portal-days';
import type { ChartPeriod, EfficiencyBucket, EfficiencyMover, FlowListRow, Overview } from './dashboard-types';
import { efficiencyBand } from './efficiency-band';
import { defaultChartPeriod } from './chart-period';
import { flowsList } from './flows-list';
import { periodWindow } from './portal-window';

/** Ranges of the efficiency distribution: the lower half together, then tens up to the 80 % line and past it. */
const bucketRanges: [number, number][] = [
  [0, 49],
  [50, 59],
  [60, 69],
  [70, 79],
  [80, 89],
  [90, 100],
];
const moversShown = 5;

const dailyRowSchema = z.object({ day: z.string(), efficiency: z.number(), flows: z.number() });
/** Each flow's efficiency on the heat map's days, by flow id and day. */
const cellsSchema = z.record(z.string(), z.record(z.string(), z.number()));
type Cells = z.infer<typeof cellsSchema>;

/** Names in the order `localeCompare` gives, several times faster over a thousand flows. */
const byName = new Intl.Collator().compare;

function movers(rows: readonly FlowListRow[]): Overview['movers'] {
  const moved = rows.flatMap((row): EfficiencyMover[] =>
    row.efficiency.value !== null && row.efficiency.previous !== null && row.efficiency.change !== 0
      ? [
          {
            id: row.id,
            name: row.name,
            efficiency: row.efficiency.value,
            previous: row.efficiency.previous,
            change: row.efficiency.change!,
          },
        ]
      : [],
  );
  return {
    up: moved
      .filter((mover) => mover.change > 0)
      .sort((a, b) => b.change - a.change || byName(a.name, b.name))
      .slice(0, moversShown),
    down: moved
      .filter((mover) => mover.change < 0)
      .sort((a, b) => a.change - b.change || byName(a.name, b.name))
      .slice(0, moversShown),
  };
}

/** Flows × weeks, the flows with the lowest efficiency in the last week first (no figure last), then by name. */
function heatmapRows(
  rows: readonly FlowListRow[],
  cellDays: readonly string[],
  yesterday: string,
  cells: Cells,
): Overview['heatmap']['rows'] {
  const lines = rows.map((row) => {
    const days = cells[row.id] ?? {};
    return {
      id: row.id,
      name: row.name,
      cells: cellDays.map(
        (day, index) =>
          days[day] ?? (index === cellDays.length - 1 && day > yesterday ? (days[yesterday] ?? null) : null),
      ),
    };
  });
  const latest = (line: (typeof lines)[number]) => line.cells.at(-1) ?? Number.POSITIVE_INFINITY;
  return lines.sort((a, b) => latest(a) - latest(b) || byName(a.name, b.name));
}

/**
 * The executive overview over the flows within `flows` (the caller's access filter): totals (the
 * likely late too) and the efficiency distribution from the flows list's rows (so the pages
 * agree), the biggest movers against the previous 30 days, the mean efficiency per day and a
 * flows × weeks heat map from the daily figures over the chosen period (read from the
 * (day, flowId, efficiency) index alone).
 */
export async function overview(
  db: PrismaClient,
  flows: Prisma.FlowWhereInput,
  options: { now?: Date; days?: ChartPeriod } = {},
): Promise<Overview> {
  const now = options.now ?? new Date();
  // The flows' ids and the (first) portal's zone up front, so the figure queries run beside the list's.
  const scoped = await db.flow.findMany({
    where: flows,
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    select: { id: true, portal: { select: { timeZoneOffset: true } } },
  });
  const period = periodWindow(
    now.getTime(),
    options.days ?? defaultChartPeriod,
    scoped[0]?.portal.timeZoneOffset ?? '+00:00',
  );
  const flowIds = scoped.map((flow) => flow.id);
  const weeks: string[] = [];
  for (let week = weekOf(period.from); week <= period.to; week = shiftDay(week, 7)) weeks.push(week);
  // A week's cell is its Sunday's figure; the running week's is today's, or yesterday's until
  // today is rolled up (read as well, below).
  const cellDays = weeks.map((week) => (shiftDay(week, 6) < period.to ? shiftDay(week, 6) : period.to));
  const yesterday = shiftDay(period.to, -1);
  const [list, dailyRows, [{ cells }]] = await Promise.all([
    flowsList(db, flows, { now }),
    db.$queryRaw<unknown[]>`
      SELECT to_char(day, 'YYYY-MM-DD') AS day, round(avg(efficiency))::int AS efficiency, count(*)::int AS flows
      FROM flow_daily_figure
      WHERE "flowId" = ANY(${flowIds}::uuid[]) AND day BETWEEN ${period.from}::date AND ${period.to}::date
      GROUP BY day ORDER BY day`,
    // As one JSON text: a thousand flows' cells read several times faster so than as rows.
    db.$queryRaw<[{ cells: string }]>`
      SELECT COALESCE(json_object_agg(c."flowId", c.days), '{}')::text AS cells
      FROM (
        SELECT "flowId", json_object_agg(to_char(day, 'YYYY-MM-DD'), efficiency) AS days
        FROM flow_daily_figure
        WHERE "flowId" = ANY(${flowIds}::uuid[]) AND day = ANY(${[...cellDays, yesterday]}::date[])
        GROUP BY "flowId"
      ) c`,
  ]);

  const withValue = list.rows.filter((row) => row.efficiency.value !== null);
  const sum = (pick: (row: FlowListRow) => number) => list.rows.reduce((total, row) => total + pick(row), 0);
  return {
    window: list.window,
    period,
    totals: {
      flows: list.rows.length,
      activeFlows: list.rows.filter((row) => row.active).length,
      open: sum((row) => row.pending.count + row.inProgress.count + row.awaitingReview),
      overdue: sum((row) => row.overdue),
      atRisk: sum((row) => row.atRisk),
      likelyLate: sum((row) => row.likelyLate ?? 0),
      completed: sum((row) => row.completed),
      efficiency:
        withValue.length === 0
          ? null
          : Math.round(withValue.reduce((total, row) => total + row.efficiency.value!, 0) / withValue.length),
    },
    daily: z.array(dailyRowSchema).parse(dailyRows),
    buckets: bucketRanges.map(([from, to]): EfficiencyBucket => ({
      from,
      to,
      band: efficiencyBand(from),
      flows: withValue.filter((row) => row.efficiency.value! >= from && row.efficiency.value! <= to).length,
    })),
    movers: movers(list.rows),
    heatmap: { weeks, rows: heatmapRows(list.rows, cellDays, yesterday, cellsSchema.parse(JSON.parse(cells))) },
  };
}
