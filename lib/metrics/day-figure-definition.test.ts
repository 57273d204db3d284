import { describe, expect, it } from 'vitest';
import { figureMoment, flowDayFigure } from './day-figure-definition';
import type { MetricTask } from './metric-task';
import { endOfPortalDay } from './portal-days';

const hour = 3_600_000;
const day = 24 * hour;
// 2026-05-11 00:00 Moscow time.
const midnight = endOfPortalDay('2026-05-10', '+03:00') + 1;
const now = midnight + 9 * day + 12 * hour;
const task = (id: number, overrides: Partial<MetricTask>): MetricTask => ({
  id,
  status: 5,
  createdBy: 1,
  responsibleId: 2,
  createdAt: midnight - 5 * day,
  startedAt: midnight - 4 * day,
  closedAt: midnight - 2 * day,
  deadline: midnight - 3 * day,
  ...overrides,
});

describe("a flow's figures for one day", () => {
  it('describes the end of a past day, and now for today', () => {
    expect(figureMoment('2026-05-10', '+03:00', now)).toBe(midnight - 1);
    expect(figureMoment('2026-05-20', '+03:00', now)).toBe(now);
  });

  it('sees the tasks as they were at the end of that day', () => {
    const tasks = [
      task(1, {}),
      task(2, {
        status: 3,
        closedAt: null,
        deadline: midnight + 30 * day,
        deadlineChanges: [{ from: midnight - 3 * day, changedAt: midnight - 2 * day }],
      }),
      task(3, { createdAt: midnight + hour, startedAt: null, closedAt: midnight + 2 * hour, deadline: null }),
    ];
    // May 8: both open, past the deadlines they had then; task 3 does not exist yet.
    expect(flowDayFigure(tasks, '2026-05-08', '+03:00', now)).toMatchObject({
      pending: 0,
      inProgress: 2,
      completed: 0,
      overdue: 2,
      created: 0,
      efficiency: 0,
      assigneeLoad: [{ responsibleId: 2, open: 2, overdue: 2 }],
    });
    // May 11: task 1 completed late, task 2's deadline moved out (its overrun stays on record), task 3 done in an hour; lead times 1 hour and 3 days.
    expect(flowDayFigure(tasks, '2026-05-11', '+03:00', now)).toEqual({
      day: '2026-05-11',
      pending: 0,
      inProgress: 1,
      awaitingReview: 0,
      completed: 2,
      completedToday: 1,
      created: 1,
      overdue: 0,
      efficiency: 33,
      leadP50: (3 * day + hour) / 2 / 1000,
      leadP85: (hour + 0.85 * (3 * day - hour)) / 1000,
      leadP95: (hour + 0.95 * (3 * day - hour)) / 1000,
      assigneeLoad: [{ responsibleId: 2, open: 1, overdue: 0 }],
    });
  });
});
