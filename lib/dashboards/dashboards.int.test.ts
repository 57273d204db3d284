import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratedDatabase, type MigratedDatabase } from '@/lib/testing/migrated-database';
import { rollUpFigures } from '@/lib/metrics/daily-figure-rollup';
import { flowDayFigure } from '@/lib/metrics/day-figure-definition';
import { isAtRisk, isOpen, isOverdue, type MetricTask } from '@/lib/metrics/metric-task';
import { distribution, median } from '@/lib/metrics/percentiles';
import { lastPortalDays, shiftDay, startOfPortalDay } from '@/lib/metrics/portal-days';
import {
  insertFlow,
  insertPortal,
  insertTasks,
  loadMetricTasks,
  randomTasks,
} from '@/lib/metrics/testing/mirror-fixture';
import { deadlineRisk } from '@/lib/metrics/deadline-risk';
import { dayOffTime, defaultWorkCalendar } from '@/lib/time/work-calendar';
import { flowDashboard } from './flow-dashboard';
import { flowOutlooks } from '@/lib/metrics/flow-outlooks';
import { riskFlowsOf } from '@/lib/metrics/risk-flows';
import { defaultFlowListFilters, flowsListPage } from './flow-list-filters';
import { flowsList } from './flows-list';
import { overview } from './overview';

const now = Date.UTC(2026, 4, 20, 9);
const offset = '+03:00';

let database: MigratedDatabase;
let flowIds: string[];
beforeAll(async () => {
  database = await migratedDatabase();
  const db = database.db;
  const portalId = await insertPortal(db, offset);
  flowIds = [
    await insertFlow(db, portalId, { name: 'Alpha', portalEfficiency: 50, members: [101, 102] }),
    await insertFlow(db, portalId, { name: 'Beta', members: [103] }),
    await insertFlow(db, portalId, { name: 'Gamma (no tasks)' }),
  ];
  await insertTasks(db, portalId, randomTasks('dashboards', 900, [flowIds[0]!, flowIds[1]!, null], now));
  await rollUpFigures(db, portalId, { days: 120, now: new Date(now) });
});
afterAll(async () => {
  await database?.drop();
});

/** A flows-list row by the JS definitions, over the flow's tasks as loaded for the metrics. */
function expectedRow(tasks: MetricTask[]) {
  const open = tasks.filter(isOpen);
  const pending = open.filter((task) => task.status === 1 || task.status === 2);
  const inProgress = open.filter((task) => task.status === 3);
  const windowStart = startOfPortalDay(lastPortalDays(now, 30, offset)[0]!, offset);
  // Today's figure and the one 30 days before it (the previous window).
  const days = lastPortalDays(now, 31, offset);
  const [previousDay, today] = [days[0]!, days.at(-1)!];
  return {
    pending: { count: pending.length, medianWaitMs: median(pending.map((task) => now - task.createdAt)) },
    inProgress: {
      count: inProgress.length,
      medianMs: median(inProgress.map((task) => now - (task.startedAt ?? task.createdAt))),
    },
    awaitingReview: open.filter((task) => task.status === 4).length,
    completed: tasks.filter(
      (task) => task.status === 5 && task.closedAt !== null && task.closedAt >= windowStart && task.closedAt <= now,
    ).length,
    overdue: open.filter((task) => isOverdue(task, now)).length,
    atRisk: open.filter((task) => isAtRisk(task, now)).length,
    efficiency: flowDayFigure(tasks, today, offset, now).efficiency,
    previous: flowDayFigure(tasks, previousDay, offset, now).efficiency,
  };
}

describe('the dashboards over a mirror', () => {
  it('each flows-list row holds the JS definitions: counts, median waits, completed in the window, efficiency and its change', async () => {
    const list = await flowsList(database.db, {}, { now: new Date(now) });
    expect(list.window).toEqual({ from: '2026-04-21', to: '2026-05-20', days: 30, timeZoneOffset: offset });
    expect(list.rows.map((row) => row.name)).toEqual(['Alpha', 'Beta', 'Gamma (no tasks)']);
    for (const row of list.rows.slice(0, 2)) {
      const expected = expectedRow(await loadMetricTasks(database.db, row.id));
      expect(expected.pending.count + expected.inProgress.count).toBeGreaterThan(0);
      expect(row.pending.count).toBe(expected.pending.count);
      expect(row.pending.medianWaitMs).toBeCloseTo(expected.pending.medianWaitMs!, 0);
      expect(row.inProgress.count).toBe(expected.inProgress.count);
      expect(row.inProgress.medianMs).toBeCloseTo(expected.inProgress.medianMs!, 0);
      expect(row.awaitingReview).toBe(expected.awaitingReview);
      expect(row.completed).toBe(expected.completed);
      expect(row.overdue).toBe(expected.overdue);
      expect(row.atRisk).toBe(expected.atRisk);
      expect(row.efficiency.value).toBe(expected.efficiency);
      expect(row.efficiency.previous).toBe(expected.previous);
      expect(row.efficiency.change).toBe(expected.efficiency - expected.previous);
      expect(row.efficiency.sparkline).toHaveLength(30);
      expect(row.efficiency.sparkline.at(-1)).toBe(expected.efficiency);
    }
    const [alpha, , empty] = list.rows;
    expect(alpha!.bitrixUrl).toMatch(
      /^https:\/\/p\d+\.bitrix24\.ru\/company\/personal\/user\/0\/tasks\/flow\/\?.*ID_from=\d+$/,
    );
    // A flow without tasks: nothing open, efficiency 100 by the portal's rule.
    expect(empty).toMatchObject({
      pending: { count: 0, medianWaitMs: null },
      completed: 0,
      overdue: 0,
      efficiency: { value: 100, band: 'healthy' },
    });
  });

  it('on days not rolled up yet, each row reads the daily figures as they stand: the latest stands for today', async () => {
    for (const days of [1, 2, 31, 40]) {
      const later = now + days * 86_400_000;
      const list = await flowsList(database.db, {}, { now: new Date(later) });
      // The days the list reads: 31 before today up to today; the window is its last 30.
      const read = lastPortalDays(later, 32, offset);
      for (const row of list.rows) {
        const figures = (
          await database.db.flowDailyFigure.findMany({ where: { flowId: row.id }, orderBy: { day: 'asc' } })
        )
          .map((figure) => ({ ...figure, day: figure.day.toISOString().slice(0, 10) }))
          .filter((figure) => figure.day >= read[0]! && figure.day <= read.at(-1)!);
        const latest = figures.at(-1);
        const previous = latest && figures.find((figure) => figure.day === shiftDay(latest.day, -30));
        const inWindow = figures.filter((figure) => figure.day >= read[2]!);
        expect(row.efficiency.value, `${row.name}, ${days} days on`).toBe(latest?.efficiency ?? null);
        expect(row.efficiency.previous).toBe(previous?.efficiency ?? null);
        expect(row.efficiency.sparkline).toEqual(inWindow.map((figure) => figure.efficiency));
        expect(row.completed).toBe(inWindow.reduce((sum, figure) => sum + figure.completedToday, 0));
      }
    }
  });

  it('flags the portal’s stored efficiency only when none of our figures since the flow last changed gives it', async () => {
    const alphaRow = async (portalEfficiency: number, activityAt: Date) => {
      await database.db.flow.update({ where: { id: flowIds[0]! }, data: { portalEfficiency, activityAt } });
      return (await flowsList(database.db, { id: flowIds[0]! }, { now: new Date(now) })).rows[0]!.efficiency;
    };
    const today = (await flowsList(database.db, { id: flowIds[0]! }, { now: new Date(now) })).rows[0]!.efficiency;
    const other = today.value === 100 ? 99 : today.value! + 1;
    // Changed today: the stored value must be today's figure.
    expect((await alphaRow(today.value!, new Date(now))).differs).toBe(false);
    expect((await alphaRow(other, new Date(now))).differs).toBe(true);
    // Last changed a month ago: the column was stored then, and may be any figure since.
    const series = today.sparkline;
    const oldest = series[0]!;
    expect((await alphaRow(oldest, new Date(now - 29 * 86_400_000))).differs).toBe(false);
    expect(
      (
        await alphaRow(
          Math.max(...series) + 1 <= 100 ? Math.max(...series) + 1 : Math.min(...series) - 1,
          new Date(now - 29 * 86_400_000),
        )
      ).differs,
    ).toBe(true);
    await database.db.flow.update({ where: { id: flowIds[0]! }, data: { portalEfficiency: 50, activityAt: null } });
  });

  it('lists only the flows within the access filter', async () => {
    const list = await flowsList(database.db, { id: { in: [flowIds[1]!] } }, { now: new Date(now) });
    expect(list.rows.map((row) => row.name)).toEqual(['Beta']);
    expect((await flowsList(database.db, { id: { in: [] } }, { now: new Date(now) })).rows).toEqual([]);
  });

  it("a flow's page agrees with its list row: the risk table adds up to the overdue and at-risk counts", async () => {
    const list = await flowsList(database.db, {}, { now: new Date(now) });
    const page = await flowDashboard(database.db, {}, flowIds[0]!, { now: new Date(now), days: 90 });
    expect(page).not.toBeNull();
    const { settings: _settings, team, ...header } = page!.flow;
    expect(header).toEqual(list.rows[0]);
    expect(team.map((member) => member.bitrixUserId).sort()).toEqual([101, 102]);
    expect(page!.riskTasks.filter((task) => task.kind === 'overdue')).toHaveLength(list.rows[0]!.overdue);
    expect(page!.riskTasks.filter((task) => task.kind === 'at-risk')).toHaveLength(list.rows[0]!.atRisk);
    expect(page!.period).toMatchObject({ days: 90, to: '2026-05-20' });
    expect(page!.daily).toHaveLength(90);
    expect(page!.daily.at(-1)!.efficiency).toBe(list.rows[0]!.efficiency.value);
    const weeklyDone = page!.weekly.reduce((sum, week) => sum + week.throughput, 0);
    expect(weeklyDone).toBe(page!.daily.reduce((sum, figure) => sum + figure.completedToday, 0));
    // Lead-time points are the completed tasks of the period (from its first portal midnight), their percentiles drawn from them.
    const since = startOfPortalDay(page!.period.from, offset);
    const tasks = await loadMetricTasks(database.db, flowIds[0]!);
    expect(page!.leadTimes.points.map((point) => point.taskId).sort((a, b) => a - b)).toEqual(
      tasks
        .filter((task) => task.status === 5 && task.closedAt !== null && task.closedAt >= since)
        .map((task) => task.id),
    );
    const leads = distribution(page!.leadTimes.points.map((point) => point.leadMs));
    expect(page!.leadTimes.percentiles.p85).toBeCloseTo(leads.p85!, 3);
    expect(page!.aging.tasks).toHaveLength(tasks.filter(isOpen).length);
  });

  it("each task of the risk table carries its chance of running late, by the flow's last 90 days, the likeliest first", async () => {
    const page = await flowDashboard(database.db, {}, flowIds[0]!, { now: new Date(now) });
    const tasks = await loadMetricTasks(database.db, flowIds[0]!);
    // The same estimate from the JS metric tasks: stage durations on working days (the flow matches
    // work time; the portal has the default calendar), conditioned on the open task's time in its stage.
    const span = (from: number, to: number) => to - from - dayOffTime(defaultWorkCalendar, 180, from, to);
    const learned = tasks.filter(
      (task) =>
        task.status === 5 && task.closedAt !== null && task.closedAt <= now && task.closedAt >= now - 90 * 86_400_000,
    );
    const handIn = (task: MetricTask, which: 'first' | 'last') => {
      const moves = (task.statusChanges ?? []).filter((change) => change.to === 4);
      return (which === 'first' ? moves[0] : moves.at(-1))?.at ?? null;
    };
    const stages = {
      pending: learned.map((task) => span(task.createdAt, task.closedAt!)),
      working: learned.flatMap((task) => (task.startedAt === null ? [] : [span(task.startedAt, task.closedAt!)])),
      review: learned.flatMap((task) => {
        const at = handIn(task, 'first');
        return at === null ? [] : [span(at, task.closedAt!)];
      }),
    };
    expect(page!.riskTasks.length).toBeGreaterThan(0);
    for (const row of page!.riskTasks) {
      const task = tasks.find((one) => one.id === row.taskId)!;
      const [durations, since] =
        task.status === 4
          ? [stages.review, handIn(task, 'last')!]
          : task.startedAt !== null
            ? [stages.working, task.startedAt]
            : [stages.pending, task.createdAt];
      const left = task.deadline! > now ? Math.max(1, span(now, task.deadline!)) : 0;
      expect(row.risk).toEqual(deadlineRisk(durations, span(since, now), left));
      if (row.kind === 'overdue') expect(row.risk!.probability).toBe(1);
    }
    const chances = page!.riskTasks.map((row) => row.risk!.probability);
    expect(chances).toEqual([...chances].sort((a, b) => b - a));
  });

  it('every row counts the open tasks likely late and forecasts efficiency as the roll-up worked them out, equal to working them out now', async () => {
    const list = await flowsList(database.db, {}, { now: new Date(now) });
    const live = await flowOutlooks(
      database.db,
      await riskFlowsOf(
        database.db,
        list.rows.map((row) => row.id),
      ),
      new Date(now),
    );
    for (const row of list.rows) {
      const outlook = live.get(row.id)!;
      expect(row.likelyLate).toBe(outlook.likelyLate);
      expect(row.forecast).toEqual({
        ...outlook.forecast,
        drop: row.efficiency.value! - outlook.forecast.points.at(-1)!.median,
      });
      const page = await flowDashboard(database.db, {}, row.id, { now: new Date(now) });
      expect(page!.flow.likelyLate).toBe(row.likelyLate);
      expect(page!.flow.forecast).toEqual(row.forecast);
      expect(row.forecast!.points.map((point) => point.days)).toEqual([7, 14]);
      // Overdue tasks are certain to be late, so they are all among the likely late.
      expect(row.likelyLate).toBeGreaterThanOrEqual(row.overdue);
    }
    expect(list.rows[0]!.likelyLate).toBeGreaterThan(list.rows[0]!.overdue);
    // A flow with no tasks: nothing likely late, and 100 % now and ahead.
    expect(list.rows[2]!.likelyLate).toBe(0);
    expect(list.rows[2]!.forecast!.points.map((point) => point.median)).toEqual([100, 100]);
    // Sorted by the drop, the flow expected to fall most comes first.
    const byDrop = flowsListPage(list, { ...defaultFlowListFilters, sort: 'forecastDrop', order: 'desc' }, 'en');
    const drops = byDrop.rows.map((row) => row.forecast!.drop!);
    expect(drops).toEqual([...drops].sort((a, b) => b - a));
  });

  it('a flow outside the filter, an unknown id and a malformed id all give nothing', async () => {
    expect(
      await flowDashboard(database.db, { id: { in: [flowIds[1]!] } }, flowIds[0]!, { now: new Date(now) }),
    ).toBeNull();
    expect(
      await flowDashboard(database.db, {}, '00000000-0000-4000-8000-000000000000', { now: new Date(now) }),
    ).toBeNull();
    expect(await flowDashboard(database.db, {}, "1'; DROP TABLE task; --", { now: new Date(now) })).toBeNull();
  });

  it('the overview adds up the same rows', async () => {
    const list = await flowsList(database.db, {}, { now: new Date(now) });
    const view = await overview(database.db, {}, { now: new Date(now), days: 30 });
    const rows = list.rows;
    expect(view.totals).toEqual({
      flows: 3,
      activeFlows: 3,
      open: rows.reduce((sum, row) => sum + row.pending.count + row.inProgress.count + row.awaitingReview, 0),
      overdue: rows.reduce((sum, row) => sum + row.overdue, 0),
      atRisk: rows.reduce((sum, row) => sum + row.atRisk, 0),
      likelyLate: rows.reduce((sum, row) => sum + row.likelyLate!, 0),
      completed: rows.reduce((sum, row) => sum + row.completed, 0),
      efficiency: Math.round(rows.reduce((sum, row) => sum + row.efficiency.value!, 0) / 3),
    });
    expect(view.buckets.reduce((sum, bucket) => sum + bucket.flows, 0)).toBe(3);
    expect(view.daily).toHaveLength(30);
    expect(view.daily.at(-1)).toEqual({ day: '2026-05-20', efficiency: view.totals.efficiency, flows: 3 });
    expect(view.heatmap.rows.map((row) => row.name).sort()).toEqual(rows.map((row) => row.name).sort());
    expect(view.heatmap.weeks[0]! <= view.period.from).toBe(true);
    // This week's column is today's figure, and the lowest comes first.
    for (const line of view.heatmap.rows)
      expect(line.cells.at(-1)).toBe(rows.find((row) => row.id === line.id)!.efficiency.value);
    const latest = view.heatmap.rows.map((line) => line.cells.at(-1)!);
    expect(latest).toEqual([...latest].sort((a, b) => a - b));
    const movers = [...view.movers.up, ...view.movers.down];
    for (const mover of movers) expect(mover.change).toBe(rows.find((row) => row.id === mover.id)!.efficiency.change);
  });

  it('names the owner and the moderators from the mirrored employees, and someone unknown by id', async () => {
    const db = database.db;
    const portalId = await insertPortal(db, offset);
    try {
      await db.employee.createMany({
        data: [
          { portalId, bitrixUserId: 201, name: 'Анна', lastName: 'Ершова', photoUrl: 'https://p.test/201.png' },
          { portalId, bitrixUserId: 202, name: 'Олег', lastName: 'Петров' },
        ],
      });
      const flow = await db.flow.create({
        data: {
          portalId,
          bitrixFlowId: 9001,
          name: 'Team',
          ownerId: 201,
          members: {
            create: [
              { bitrixUserId: 201, role: 'owner' },
              { bitrixUserId: 201, role: 'moderator' },
              { bitrixUserId: 202, role: 'moderator' },
              { bitrixUserId: 203, role: 'moderator' },
            ],
          },
        },
      });
      const [row] = (await flowsList(db, { id: flow.id }, { now: new Date(now) })).rows;
      expect(row!.owner).toEqual({ bitrixUserId: 201, name: 'Анна Ершова', photoUrl: 'https://p.test/201.png' });
      // The owner, who also hands tasks on, is shown once, as the owner.
      expect(row!.moderators).toEqual([
        { bitrixUserId: 202, name: 'Олег Петров', photoUrl: null },
        { bitrixUserId: 203, name: '#203', photoUrl: null },
      ]);
    } finally {
      await db.portal.delete({ where: { id: portalId } });
    }
  });
});
