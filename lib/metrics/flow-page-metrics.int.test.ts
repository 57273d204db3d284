import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratedDatabase, type MigratedDatabase } from '@/lib/testing/migrated-database';
import { teamLoad } from './assignee-load';
import { agingOfOpenTasks } from './status-series';
import { flowPageMetrics, type FlowPageMetrics } from './flow-page-metrics';
import type { MetricTask } from './metric-task';
import { distribution, type Distribution } from './percentiles';
import { leadTime, timeInProgress, timePending } from './task-times';
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
const now = Date.UTC(2026, 4, 20, 9);

let database: MigratedDatabase;
beforeAll(async () => {
  database = await migratedDatabase();
});
afterAll(async () => {
  await database?.drop();
});

/** The page's figures by the hand-verified JS functions, over tasks whose time ended in the window. */
function expectedPage(tasks: MetricTask[], team: number[], windowDays = 30) {
  const since = now - windowDays * day;
  const inWindow = (end: number | null, value: number | null) =>
    value !== null && end !== null && end >= since ? [value] : [];
  const lead = distribution(tasks.flatMap((task) => inWindow(task.closedAt, leadTime(task))));
  return {
    timePending: distribution(tasks.flatMap((task) => inWindow(task.startedAt ?? now, timePending(task, now)))),
    timeInProgress: distribution(tasks.flatMap((task) => inWindow(task.closedAt, timeInProgress(task)))),
    leadTime: lead,
    load: teamLoad(tasks, now, team),
    aging: agingOfOpenTasks(tasks, now, lead),
  };
}

function expectDistribution(actual: Distribution, expected: Distribution) {
  expect(actual.count).toBe(expected.count);
  for (const key of ['mean', 'p50', 'p85', 'p95'] as const) {
    if (expected[key] === null) expect(actual[key]).toBeNull();
    else expect(actual[key]).toBeCloseTo(expected[key]!, 3);
  }
}

function expectMatches(page: FlowPageMetrics, expected: ReturnType<typeof expectedPage>) {
  expectDistribution(page.timePending, expected.timePending);
  expectDistribution(page.timeInProgress, expected.timeInProgress);
  expectDistribution(page.leadTime, expected.leadTime);
  expect(page.load).toEqual(expected.load);
  // Equal ages keep the JS input order (by task id), as the SQL orders them.
  const jsAging = [...expected.aging].sort((a, b) => b.ageMs - a.ageMs || a.id - b.id);
  expect(page.aging.map(({ taskId, ageMs, band, overdue }) => ({ id: taskId, ageMs, band, overdue }))).toEqual(jsAging);
}

describe('one flow page (SQL)', () => {
  it('on a hand-made flow: times, load against the team median, aging', async () => {
    const db = database.db;
    const portalId = await insertPortal(db);
    const flowId = await insertFlow(db, portalId, { members: [7, 8, 9] });
    const task = (id: number, overrides: Partial<FixtureTask>): FixtureTask => ({
      id,
      flowId,
      status: 5,
      createdBy: 1,
      responsibleId: 7,
      createdAt: now - 10 * day,
      startedAt: null,
      closedAt: null,
      deadline: null,
      ...overrides,
    });
    await insertTasks(db, portalId, [
      task(1, { startedAt: now - 9 * day, closedAt: now - 8 * day }),
      task(2, { startedAt: now - 8 * day, closedAt: now - 6 * day }),
      task(3, { status: 3, startedAt: now - 7 * day, deadline: now - day }),
      task(4, { status: 2, createdAt: now - 2 * day, responsibleId: 8, deadline: now + day }),
      task(5, { status: 6, createdAt: now - 3 * day }),
      task(6, { status: 3, startedAt: now - day, deadline: now - hour, deletedAt: now }),
    ]);
    const page = await flowPageMetrics(db, flowId, { now: new Date(now) });
    expect(page.leadTime).toMatchObject({ count: 2, p50: 3 * day, mean: 3 * day });
    expect(page.timeInProgress).toMatchObject({ count: 2, p50: 1.5 * day });
    // Taken after 1, 2 and 3 days; task 4 still waits (2 days so far); the deferred task is left out.
    expect(page.timePending).toMatchObject({ count: 4, p50: 2 * day });
    expect(page.load).toEqual({
      assignees: [
        { responsibleId: 7, open: 1, overdue: 1 },
        { responsibleId: 8, open: 1, overdue: 0 },
        { responsibleId: 9, open: 0, overdue: 0 },
      ],
      medianOpen: 1,
      medianOverdue: 0,
    });
    expect(page.aging).toEqual([
      { taskId: 3, title: 'Task 3', status: 3, responsibleId: 7, ageMs: 10 * day, band: 'above-p95', overdue: true },
      { taskId: 4, title: 'Task 4', status: 2, responsibleId: 8, ageMs: 2 * day, band: 'below-p50', overdue: false },
    ]);
    expectMatches(page, expectedPage(await loadMetricTasks(db, flowId), [7, 8, 9]));
  });

  it('an empty flow has no times, no load and nothing aging', async () => {
    const db = database.db;
    const flowId = await insertFlow(db, await insertPortal(db));
    const page = await flowPageMetrics(db, flowId, { now: new Date(now) });
    expect(page).toEqual({
      windowDays: 30,
      timePending: { count: 0, mean: null, p50: null, p85: null, p95: null },
      timeInProgress: { count: 0, mean: null, p50: null, p85: null, p95: null },
      leadTime: { count: 0, mean: null, p50: null, p85: null, p95: null },
      load: { assignees: [], medianOpen: 0, medianOverdue: 0 },
      aging: [],
    });
  });

  it('refuses a flow id that is not a uuid', async () => {
    await expect(flowPageMetrics(database.db, "1' OR '1'='1")).rejects.toThrow();
  });

  it('equals the JS functions on a seeded random mirror, for several windows', async () => {
    const db = database.db;
    const portalId = await insertPortal(db, '+05:00');
    const team = [101, 102, 103, 104, 105, 106, 107];
    const flowIds = await Promise.all([0, 1, 2].map(() => insertFlow(db, portalId, { members: team })));
    await insertTasks(db, portalId, randomTasks('flow-page', 450, [...flowIds, null], now));
    for (const flowId of flowIds) {
      const tasks = await loadMetricTasks(db, flowId);
      for (const windowDays of [7, 30, 120]) {
        expectMatches(
          await flowPageMetrics(db, flowId, { now: new Date(now), windowDays }),
          expectedPage(tasks, team, windowDays),
        );
      }
    }
  });
});
