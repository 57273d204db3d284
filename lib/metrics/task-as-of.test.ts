import { describe, expect, it } from 'vitest';
import type { MetricTask } from './metric-task';
import { taskAsOf } from './task-as-of';

const hour = 3_600_000;
const base: MetricTask = {
  id: 1,
  status: 5,
  createdBy: 1,
  responsibleId: 2,
  createdAt: 0,
  startedAt: 2 * hour,
  closedAt: 9 * hour,
  deadline: 8 * hour,
};

describe('task as of a moment', () => {
  it('does not exist before it was created', () => {
    expect(taskAsOf({ ...base, createdAt: 5 * hour }, 4 * hour)).toBeNull();
  });

  it('drops dates that had not happened yet and derives the status from them', () => {
    expect(taskAsOf(base, hour)).toMatchObject({ status: 2, startedAt: null, closedAt: null });
    expect(taskAsOf(base, 3 * hour)).toMatchObject({ status: 3, startedAt: 2 * hour, closedAt: null });
    expect(taskAsOf(base, 9 * hour)).toMatchObject({ status: 5, closedAt: 9 * hour });
  });

  it('takes the deadline the task had then, and only the changes made by then', () => {
    const moved: MetricTask = {
      ...base,
      deadline: 20 * hour,
      deadlineChanges: [
        { from: 4 * hour, changedAt: 5 * hour },
        { from: 6 * hour, changedAt: 7 * hour },
      ],
    };
    expect(taskAsOf(moved, 3 * hour)).toMatchObject({ deadline: 4 * hour, deadlineChanges: [] });
    expect(taskAsOf(moved, 5 * hour)).toMatchObject({
      deadline: 6 * hour,
      deadlineChanges: [{ from: 4 * hour, changedAt: 5 * hour }],
    });
    expect(taskAsOf(moved, 8 * hour)?.deadline).toBe(20 * hour);
  });

  it('follows the status history when there is one', () => {
    const reopened: MetricTask = {
      ...base,
      status: 3,
      closedAt: null,
      statusChanges: [
        { from: 2, to: 5, at: 3 * hour },
        { from: 5, to: 3, at: 6 * hour },
      ],
    };
    expect(taskAsOf(reopened, 4 * hour)).toMatchObject({
      status: 5,
      statusChanges: [{ from: 2, to: 5, at: 3 * hour }],
    });
    expect(taskAsOf(reopened, 7 * hour)?.status).toBe(3);
  });
});
