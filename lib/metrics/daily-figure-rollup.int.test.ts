import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratedDatabase, type MigratedDatabase } from '@/lib/testing/migrated-database';
import type { PrismaClient } from '@/lib/db/client';
import { rollUpFigures } from './daily-figure-rollup';
import { flowDayFigure } from './day-figure-definition';
import { dailyFlowSeries, weeklyFlowSeries } from './daily-figure-reads';
import { cumulativeFlow, weeklyThroughput } from './status-series';
import { endOfPortalDay, lastPortalDays, weekOf } from './portal-days';
import {
  insertFlow,
  insertPortal,
  insertTasks,
  loadMetricTasks,
  randomTasks,
  type FixtureTask,
} from './testing/mirror-fixture';

const hour = 3_600_000;
const day = 24 * hour;
// 2026-05-20 12:00 in Moscow, a Wednesday.
const now = Date.UTC(2026, 4, 20, 9);

let database: MigratedDatabase;
beforeAll(async () => {
  database = await migratedDatabase();
});
afterAll(async () => {
  await database?.drop();
});

async function storedFigures(db: PrismaClient, flowId: string) {
  const rows = await db.flowDailyFigure.findMany({ where: { flowId }, orderBy: { day: 'asc' } });
  return rows.map(({ flowId: _flowId, day: date, ...figure }) => ({ day: date.toISOString().slice(0, 10), ...figure }));
}

/** Every stored day of every flow equals flowDayFigure() over the same mirrored tasks. */
async function expectFiguresMatchJs(
  db: PrismaClient,
  flowIds: readonly string[],
  offset: string,
  days: readonly string[],
  at = now,
) {
  for (const flowId of flowIds) {
    const tasks = await loadMetricTasks(db, flowId);
    const stored = await storedFigures(db, flowId);
    expect(stored.map((row) => row.day)).toEqual(days);
    expect(stored).toEqual(days.map((date) => flowDayFigure(tasks, date, offset, at)));
  }
}

describe('daily figures on hand-made flows', () => {
  let portalId: string;
  let flowId: string;
  let emptyFlowId: string;
  const midnight = endOfPortalDay('2026-05-10', '+03:00') + 1; // 2026-05-11 00:00 Moscow

  beforeAll(async () => {
    const db = database.db;
    portalId = await insertPortal(db, '+03:00');
    flowId = await insertFlow(db, portalId);
    emptyFlowId = await insertFlow(db, portalId);
    const task = (id: number, overrides: Partial<FixtureTask>): FixtureTask => ({
      id,
      flowId,
      status: 5,
      createdBy: 1,
      responsibleId: 2,
      createdAt: midnight - 5 * day,
      startedAt: midnight - 4 * day,
      closedAt: midnight - 2 * day,
      deadline: midnight - 3 * day,
      ...overrides,
    });
    await insertTasks(db, portalId, [
      // Created at the portal's midnight; closed in the last millisecond of a day.
      task(1, {
        createdAt: midnight,
        startedAt: midnight + hour,
        closedAt: midnight + day - 1,
        deadline: midnight + 2 * day,
      }),
      // Overrun on May 8, deadline moved out on May 9: a violation in every window that reaches May 8.
      task(2, {
        status: 3,
        closedAt: null,
        deadline: midnight + 30 * day,
        deadlineChanges: [{ from: midnight - 3 * day, changedAt: midnight - 2 * day }],
      }),
      // Reopened: completed on May 9, back in progress on May 12 (status history).
      task(3, {
        status: 3,
        closedAt: null,
        deadline: null,
        statusChanges: [
          { from: 2, to: 3, at: midnight - 4 * day },
          { from: 3, to: 5, at: midnight - 2 * day },
          { from: 5, to: 3, at: midnight + day + hour },
        ],
      }),
      // Creator is the assignee; deferred; deleted.
      task(4, { createdBy: 2 }),
      task(5, { status: 6, startedAt: null, closedAt: null }),
      task(6, { status: 3, closedAt: null, deletedAt: now }),
      // Awaiting review with a close date past its deadline.
      task(7, { status: 4, closedAt: midnight + 3 * day, deadline: midnight + 2 * day }),
    ]);
  });

  it('backfills the past days exactly as flowDayFigure computes them', async () => {
    const db = database.db;
    const days = lastPortalDays(now, 40, '+03:00');
    expect(await rollUpFigures(db, portalId, { days: 40, now: new Date(now) })).toBe(80);
    await expectFiguresMatchJs(db, [flowId, emptyFlowId], '+03:00', days);

    const byDay = new Map((await storedFigures(db, flowId)).map((row) => [row.day, row]));
    // May 8: tasks 2 and 4 open past the deadline they then had (task 2's was moved out on May 9).
    expect(byDay.get('2026-05-08')).toMatchObject({ pending: 0, inProgress: 4, completed: 0, overdue: 2 });
    // May 10: task 3 completed (by its history) and task 4 (by its dates); task 2 no longer late.
    expect(byDay.get('2026-05-10')).toMatchObject({ pending: 0, inProgress: 2, completed: 2, overdue: 0 });
    // May 11: task 1 was created and completed that day (in its last millisecond).
    expect(byDay.get('2026-05-11')).toMatchObject({ created: 1, completedToday: 1, completed: 3 });
    // May 12: task 3 back in progress.
    expect(byDay.get('2026-05-12')).toMatchObject({ inProgress: 3, completed: 2 });
    // May 20: tasks 1, 2, 3 and 7 counted; 2 (overrun before the move) and 7 (closed for review late) violate.
    expect(byDay.get('2026-05-20')).toMatchObject({
      efficiency: 50,
      overdue: 1,
      assigneeLoad: [{ responsibleId: 2, open: 3, overdue: 1 }],
    });
    expect(
      (await storedFigures(db, emptyFlowId)).every(
        (row) => row.efficiency === 100 && row.pending === 0 && row.leadP50 === null,
      ),
    ).toBe(true);
  });

  it('serves daily and weekly series from the stored rows', async () => {
    const db = database.db;
    const daily = await dailyFlowSeries(db, flowId, { from: '2026-05-10', to: '2026-05-12' });
    expect(daily.map((row) => [row.day, row.inProgress, row.completed])).toEqual([
      ['2026-05-10', 2, 2],
      ['2026-05-11', 2, 3],
      ['2026-05-12', 3, 2],
    ]);
    const weekly = await weeklyFlowSeries(db, flowId, { from: '2026-05-04', to: '2026-05-20' });
    expect(weekly.map((row) => [row.week, row.lastDay])).toEqual([
      ['2026-05-04', '2026-05-10'],
      ['2026-05-11', '2026-05-17'],
      ['2026-05-18', '2026-05-20'],
    ]);
    expect(weekly[1]).toMatchObject({
      throughput: 1,
      created: 1,
      completed: (await dailyFlowSeries(db, flowId, { from: '2026-05-17', to: '2026-05-17' }))[0]!.completed,
    });
    await expect(dailyFlowSeries(db, flowId, { from: '2026-05-12', to: '2026-05-10' })).rejects.toThrow();
  });
});

describe('daily figures equal the JS definition on a seeded random mirror', () => {
  it.each([
    ['+03:00', 'daily-moscow'],
    ['-05:00', 'daily-new-york'],
  ])('portal at %s: 120 days backfilled, cumulative flow and weekly throughput', async (offset, seed) => {
    const db = database.db;
    const portalId = await insertPortal(db, offset);
    const flowIds = await Promise.all([0, 1, 2].map(() => insertFlow(db, portalId)));
    await insertTasks(db, portalId, randomTasks(seed, 350, [...flowIds, null], now));
    const days = lastPortalDays(now, 120, offset);
    expect(await rollUpFigures(db, portalId, { now: new Date(now) })).toBe(360);
    await expectFiguresMatchJs(db, flowIds, offset, days);

    for (const flowId of flowIds) {
      const tasks = await loadMetricTasks(db, flowId);
      const series = await dailyFlowSeries(db, flowId, { from: days[0]!, to: days.at(-1)! });
      expect(
        series.map(({ day: date, pending, inProgress, awaitingReview, completed }) => ({
          day: date,
          counts: { pending, inProgress, awaitingReview, completed },
        })),
      ).toEqual(
        cumulativeFlow(tasks, days, offset).map(({ day: date, counts: { deferred: _deferred, ...counts } }) => ({
          day: date,
          counts,
        })),
      );
      const weeks = await weeklyFlowSeries(db, flowId, { from: days[0]!, to: days.at(-1)! });
      const throughput = weeklyThroughput(tasks, offset);
      for (const week of weeks.filter((row) => row.week >= days[0]!))
        expect(week.throughput).toBe(throughput.get(week.week) ?? 0);
      expect(weeks.map((row) => row.week)).toEqual([...new Set(days.map(weekOf))]);
    }
  });
});
