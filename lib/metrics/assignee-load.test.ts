import { describe, expect, it } from 'vitest';
import { teamLoad } from './assignee-load';
import type { MetricTask } from './metric-task';

const task = (id: number, responsibleId: number, status: number, deadline: number | null): MetricTask => ({
  id,
  status,
  createdBy: 1,
  responsibleId,
  createdAt: 0,
  startedAt: null,
  closedAt: status === 5 ? 50 : null,
  deadline,
});

describe('team load', () => {
  it('counts open and overdue work per assignee, with the team median', () => {
    const now = 100;
    const load = teamLoad(
      [
        task(1, 7, 3, 50),
        task(2, 7, 2, 50),
        task(3, 7, 2, 500),
        task(4, 8, 3, 500),
        task(5, 8, 5, 10),
        task(6, 9, 6, 10),
      ],
      now,
      [7, 8, 9, 10],
    );
    expect(load.assignees).toEqual([
      { responsibleId: 7, open: 3, overdue: 2 },
      { responsibleId: 8, open: 1, overdue: 0 },
      { responsibleId: 9, open: 0, overdue: 0 },
      { responsibleId: 10, open: 0, overdue: 0 },
    ]);
    expect([load.medianOpen, load.medianOverdue]).toEqual([0.5, 0]);
  });

  it('an empty team has zero medians', () => {
    expect(teamLoad([], 0)).toEqual({ assignees: [], medianOpen: 0, medianOverdue: 0 });
  });
});
