import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratedDatabase, type MigratedDatabase } from '@/lib/testing/migrated-database';
import { efficiencyTaskOf, flowEfficiency } from './flow-efficiency';
import { currentCounts } from './status-series';
import { flowSummaries, type FlowSummary } from './flow-summaries';
import { isAtRisk, isOpen, isOverdue, type MetricTask } from './metric-task';
import { distribution } from './percentiles';
import { leadTime } from './task-times';
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
// 2026-05-20 12:00 in Moscow.
const now = Date.UTC(2026, 4, 20, 9);

let database: MigratedDatabase;
beforeAll(async () => {
  database = await migratedDatabase();
});
afterAll(async () => {
  await database?.drop();
});

/** The flows list's figures by the hand-verified JS functions. */
function expectedSummary(tasks: MetricTask[], offset: string, windowDays = 30) {
  const since = now - windowDays * day;
  const efficiency = flowEfficiency(tasks.map(efficiencyTaskOf), now, offset);
  return {
    counts: currentCounts(tasks),
    overdueOpen: tasks.filter((task) => isOpen(task) && isOverdue(task, now)).length,
    atRisk: tasks.filter((task) => isAtRisk(task, now)).length,
    efficiency: { value: efficiency.efficiency, total: efficiency.total, violations: efficiency.violations },
    leadTime: distribution(
      tasks.filter((task) => task.closedAt !== null && task.closedAt >= since).flatMap((task) => leadTime(task) ?? []),
    ),
  };
}

function expectMatches(summary: FlowSummary, expected: ReturnType<typeof expectedSummary>) {
  expect(summary.counts).toEqual(expected.counts);
  expect([summary.overdueOpen, summary.atRisk]).toEqual([expected.overdueOpen, expected.atRisk]);
  expect(summary.efficiency).toMatchObject(expected.efficiency);
  expect(summary.leadTime.count).toBe(expected.leadTime.count);
  for (const key of ['mean', 'p50', 'p85', 'p95'] as const) {
    if (expected.leadTime[key] === null) expect(summary.leadTime[key]).toBeNull();
    else expect(summary.leadTime[key]).toBeCloseTo(expected.leadTime[key]!, 3);
  }
}

const base = (id: number, flowId: string | null, overrides: Partial<FixtureTask>): FixtureTask => ({
  id,
  flowId,
  status: 5,
  createdBy: 1,
  responsibleId: 2,
  createdAt: now - 10 * day,
  startedAt: now - 9 * day,
  closedAt: now - 5 * day,
  deadline: now - 4 * day,
  ...overrides,
});

describe('flows list figures (SQL) on hand-made flows', () => {
  let portalId: string;
  const flows: Record<'empty' | 'deferred' | 'mixed', string> = { empty: '', deferred: '', mixed: '' };

  beforeAll(async () => {
    const db = database.db;
    portalId = await insertPortal(db, '+03:00');
    flows.empty = await insertFlow(db, portalId, { name: 'A empty', portalEfficiency: 100 });
    flows.deferred = await insertFlow(db, portalId, { name: 'B all deferred', portalEfficiency: 100 });
    flows.mixed = await insertFlow(db, portalId, { name: 'C mixed', portalEfficiency: 80 });
    await insertTasks(db, portalId, [
      base(1001, flows.deferred, { status: 6, startedAt: null, closedAt: null, deadline: now - day }),
      base(1002, flows.deferred, { status: 6, startedAt: null, closedAt: null, deadline: null }),
      // Completed in time, 5 days of lead time.
      base(2001, flows.mixed, {}),
      // Completed a day late.
      base(2002, flows.mixed, { closedAt: now - 3 * day }),
      // Open and overdue.
      base(2003, flows.mixed, { status: 3, closedAt: null, deadline: now - day }),
      // Creator is the assignee: late, but not counted by the efficiency rule.
      base(2004, flows.mixed, { createdBy: 2, closedAt: now - 3 * day }),
      // Overrun, then the deadline was moved out: still a violation.
      base(2005, flows.mixed, {
        status: 3,
        closedAt: null,
        deadline: now + 10 * day,
        deadlineChanges: [{ from: now - 6 * day, changedAt: now - 4 * day }],
      }),
      // Deadline moved before it passed: no violation; 90 % of its time gone: at risk.
      base(2006, flows.mixed, {
        status: 2,
        startedAt: null,
        closedAt: null,
        createdAt: now - 9 * day,
        deadline: now + day,
        deadlineChanges: [{ from: now - 3 * day, changedAt: now - 4 * day }],
      }),
      // Deleted: an overdue task the portal no longer has counts nowhere.
      base(2007, flows.mixed, { status: 3, closedAt: null, deadline: now - day, deletedAt: now - hour }),
      // Closed before the window: in the counts and nowhere else.
      base(2008, flows.mixed, {
        createdAt: now - 90 * day,
        startedAt: now - 89 * day,
        closedAt: now - 60 * day,
        deadline: now - 70 * day,
      }),
      // Not in any flow.
      base(2009, null, { status: 3, closedAt: null, deadline: now - day }),
    ]);
  });

  it('gives the flow card figures, efficiency beside the portal figure, in name order', async () => {
    const summaries = await flowSummaries(database.db, { portalId }, { now: new Date(now) });
    expect(summaries.map((summary) => summary.name)).toEqual(['A empty', 'B all deferred', 'C mixed']);
    const [empty, deferred, mixed] = summaries as [FlowSummary, FlowSummary, FlowSummary];

    expect(empty.counts).toEqual({ pending: 0, inProgress: 0, awaitingReview: 0, completed: 0, deferred: 0 });
    expect(empty.efficiency).toMatchObject({ value: 100, total: 0, violations: 0, portalValue: 100 });
    expect(empty.leadTime).toEqual({ count: 0, mean: null, p50: null, p85: null, p95: null, windowDays: 30 });

    expect(deferred.counts.deferred).toBe(2);
    expect(deferred.efficiency).toMatchObject({ value: 100, total: 0, violations: 0 });

    // Counted: 2001, 2002 (late), 2003 (late), 2005 (late before the move), 2006 → 3 of 5 violate.
    expect(mixed.efficiency).toMatchObject({ value: 40, total: 5, violations: 3, portalValue: 80 });
    expect(mixed.efficiency.window).toEqual({
      start: new Date('2026-04-19T21:00:01.000Z'),
      end: new Date('2026-05-20T20:59:59.000Z'),
    });
    expect(mixed.counts).toEqual({ pending: 1, inProgress: 2, awaitingReview: 0, completed: 4, deferred: 0 });
    expect([mixed.overdueOpen, mixed.atRisk]).toEqual([1, 1]);
    // Lead times of 2001, 2002, 2004 (completed in the last 30 days): 5, 7, 7 days.
    expect(mixed.leadTime).toMatchObject({ count: 3, p50: 7 * day, mean: (19 * day) / 3 });

    for (const summary of summaries)
      expectMatches(summary, expectedSummary(await loadMetricTasks(database.db, summary.flowId), '+03:00'));
  });

  it('takes a list of flow ids as the scope, and another lead-time window', async () => {
    const [mixed] = await flowSummaries(database.db, [flows.mixed], { now: new Date(now), windowDays: 4 });
    expect(mixed!.leadTime).toMatchObject({ count: 2, p50: 7 * day, windowDays: 4 });
    expect(await flowSummaries(database.db, [], { now: new Date(now) })).toEqual([]);
  });
});

describe('flows list figures (SQL) equal the JS functions on a seeded random mirror', () => {
  it.each([
    ['+03:00', 'moscow'],
    ['-05:00', 'new-york'],
  ])('portal at %s', async (offset, seed) => {
    const db = database.db;
    const portalId = await insertPortal(db, offset);
    const flowIds = await Promise.all(
      [0, 1, 2, 3].map((index) => insertFlow(db, portalId, { name: `${seed} ${index}`, portalEfficiency: 70 })),
    );
    await insertTasks(db, portalId, randomTasks(seed, 400, [...flowIds, null], now));
    for (const windowDays of [30, 90]) {
      const summaries = await flowSummaries(db, { portalId }, { now: new Date(now), windowDays });
      expect(summaries).toHaveLength(4);
      for (const summary of summaries) {
        const tasks = await loadMetricTasks(db, summary.flowId);
        expectMatches(summary, expectedSummary(tasks, offset, windowDays));
        expect(summary.efficiency.portalValue).toBe(70);
      }
    }
  });
});
