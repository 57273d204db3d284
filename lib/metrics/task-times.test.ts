import { describe, expect, it } from 'vitest';
import type { MetricTask } from './metric-task';
import { leadTime, timeByStatus, timeInProgress, timePending } from './task-times';

const hour = 3_600_000;
const base: MetricTask = {
  id: 1,
  status: 2,
  createdBy: 1,
  responsibleId: 2,
  createdAt: 0,
  startedAt: null,
  closedAt: null,
  deadline: null,
};

describe('task times', () => {
  it('a task never started waits until now; one started waited until then', () => {
    expect(timePending(base, 5 * hour)).toBe(5 * hour);
    expect(timePending({ ...base, status: 3, startedAt: 2 * hour }, 5 * hour)).toBe(2 * hour);
  });

  it('a completed task has all three times', () => {
    const done = { ...base, status: 5, startedAt: 2 * hour, closedAt: 9 * hour };
    expect([timePending(done, 99 * hour), timeInProgress(done), leadTime(done)]).toEqual([
      2 * hour,
      7 * hour,
      9 * hour,
    ]);
  });

  it('closed without being started: no pending or in-progress time, but a lead time', () => {
    const done = { ...base, status: 5, closedAt: 4 * hour };
    expect([timePending(done, 9 * hour), timeInProgress(done), leadTime(done)]).toEqual([null, null, 4 * hour]);
  });

  it('deferred and declined tasks have no pending time; open ones no lead time', () => {
    expect(timePending({ ...base, status: 6 }, hour)).toBeNull();
    expect(timePending({ ...base, status: 7 }, hour)).toBeNull();
    expect(leadTime({ ...base, status: 3, startedAt: hour })).toBeNull();
  });

  it('adds up the time in each status from the history, including going back to pending', () => {
    const task: MetricTask = {
      ...base,
      status: 5,
      closedAt: 20 * hour,
      statusChanges: [
        { from: 2, to: 3, at: 2 * hour },
        { from: 3, to: 2, at: 5 * hour },
        { from: 2, to: 3, at: 6 * hour },
        { from: 3, to: 4, at: 10 * hour },
        { from: 4, to: 5, at: 20 * hour },
      ],
    };
    expect(Object.fromEntries(timeByStatus(task, 99 * hour))).toEqual({ 2: 3 * hour, 3: 7 * hour, 4: 10 * hour });
  });

  it('an open task keeps counting its current status until now', () => {
    const task: MetricTask = { ...base, status: 4, statusChanges: [{ from: 2, to: 4, at: hour }] };
    expect(Object.fromEntries(timeByStatus(task, 5 * hour))).toEqual({ 2: hour, 4: 4 * hour });
  });
});

describe('overdue and at risk', () => {
  it('overdue: closed after the deadline, or open past it; never without a deadline or when deferred', async () => {
    const { isAtRisk, isOverdue } = await import('./metric-task');
    expect(isOverdue({ ...base, status: 5, closedAt: 5 * hour, deadline: 4 * hour }, 9 * hour)).toBe(true);
    expect(isOverdue({ ...base, status: 5, closedAt: 3 * hour, deadline: 4 * hour }, 9 * hour)).toBe(false);
    expect(isOverdue({ ...base, status: 3, deadline: 4 * hour }, 9 * hour)).toBe(true);
    expect(isOverdue({ ...base, status: 3, deadline: 10 * hour }, 9 * hour)).toBe(false);
    expect(isOverdue({ ...base, status: 6, deadline: 4 * hour }, 9 * hour)).toBe(false);
    expect(isOverdue(base, 9 * hour)).toBe(false);
    // At risk: open, not yet late, past 80 % of its time.
    expect(isAtRisk({ ...base, deadline: 10 * hour }, 8 * hour)).toBe(true);
    expect(isAtRisk({ ...base, deadline: 10 * hour }, 7 * hour)).toBe(false);
    expect(isAtRisk({ ...base, deadline: 10 * hour }, 11 * hour)).toBe(false);
    expect(isAtRisk({ ...base, status: 5, closedAt: 9 * hour, deadline: 10 * hour }, 9 * hour)).toBe(false);
  });
});
