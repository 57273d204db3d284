import { describe, expect, it } from 'vitest';
import { agingOfOpenTasks, cumulativeFlow, currentCounts, statusAt, weeklyThroughput } from './status-series';
import type { MetricTask } from './metric-task';
import { endOfPortalDay, lastPortalDays, portalDay, weekOf } from './portal-days';

const hour = 3_600_000;
const day = 24 * hour;
// Monday 2026-05-18 00:00 Moscow time.
const monday = Date.UTC(2026, 4, 17, 21);
const task = (id: number, overrides: Partial<MetricTask>): MetricTask => ({
  id,
  status: 2,
  createdBy: 1,
  responsibleId: 2,
  createdAt: monday,
  startedAt: null,
  closedAt: null,
  deadline: null,
  ...overrides,
});

describe('portal days', () => {
  it('uses the portal calendar', () => {
    expect(portalDay(monday, '+03:00')).toBe('2026-05-18');
    expect(portalDay(monday, '+00:00')).toBe('2026-05-17');
    expect(endOfPortalDay('2026-05-18', '+03:00')).toBe(monday + day - 1);
    expect(lastPortalDays(monday + 2 * day + hour, 3, '+03:00')).toEqual(['2026-05-18', '2026-05-19', '2026-05-20']);
    expect(weekOf('2026-05-24')).toBe('2026-05-18');
    expect(weekOf('2026-05-18')).toBe('2026-05-18');
  });
});

describe('flow series', () => {
  const tasks = [
    task(1, { status: 5, startedAt: monday + 2 * hour, closedAt: monday + day + hour }),
    task(2, { status: 3, startedAt: monday + day + 2 * hour }),
    task(3, {
      status: 4,
      statusChanges: [
        { from: 2, to: 3, at: monday + hour },
        { from: 3, to: 4, at: monday + 2 * day },
      ],
    }),
    task(4, { status: 2, createdAt: monday + 2 * day }),
    task(5, { status: 6 }),
  ];

  it('counts tasks by current status', () => {
    expect(currentCounts(tasks)).toEqual({ pending: 1, inProgress: 1, awaitingReview: 1, completed: 1, deferred: 1 });
  });

  it('reads a task status at a moment from history, or from its dates', () => {
    expect(statusAt(tasks[2]!, monday + day)).toBe(3);
    expect(statusAt(tasks[2]!, monday + 3 * day)).toBe(4);
    expect(statusAt(tasks[0]!, monday + hour)).toBe(2);
    expect(statusAt(tasks[0]!, monday + 3 * hour)).toBe(3);
    expect(statusAt(tasks[0]!, monday + 2 * day)).toBe(5);
    expect(statusAt(tasks[3]!, monday)).toBeNull();
  });

  it('builds the cumulative flow per portal day', () => {
    const flow = cumulativeFlow(tasks, ['2026-05-18', '2026-05-19', '2026-05-20'], '+03:00');
    expect(flow.map((row) => [row.day, row.counts])).toEqual([
      ['2026-05-18', { pending: 1, inProgress: 2, awaitingReview: 0, completed: 0, deferred: 1 }],
      ['2026-05-19', { pending: 0, inProgress: 2, awaitingReview: 0, completed: 1, deferred: 1 }],
      ['2026-05-20', { pending: 1, inProgress: 1, awaitingReview: 1, completed: 1, deferred: 1 }],
    ]);
  });

  it('counts completions per ISO week in portal time', () => {
    const late = [
      task(1, { status: 5, closedAt: monday + hour }),
      task(2, { status: 5, closedAt: monday + 6 * day + 23 * hour }),
      task(3, { status: 5, closedAt: monday + 7 * day }),
      task(4, { status: 7, closedAt: monday + hour }),
    ];
    expect(Object.fromEntries(weeklyThroughput(late, '+03:00'))).toEqual({ '2026-05-18': 2, '2026-05-25': 1 });
  });

  it('bands open tasks by age against lead-time percentiles, oldest first, marking overdue ones', () => {
    const now = monday + 10 * day;
    const open = [
      task(1, { createdAt: now - 2 * day }),
      task(2, { createdAt: now - 6 * day, deadline: now - day }),
      task(3, { status: 5, closedAt: now }),
    ];
    expect(agingOfOpenTasks(open, now, { p50: 1 * day, p85: 3 * day, p95: 5 * day })).toEqual([
      { id: 2, ageMs: 6 * day, band: 'above-p95', overdue: true },
      { id: 1, ageMs: 2 * day, band: 'p50-p85', overdue: false },
    ]);
  });
});
