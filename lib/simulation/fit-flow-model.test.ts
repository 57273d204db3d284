import { describe, expect, it } from 'vitest';
import type { MetricTask } from '@/lib/metrics/metric-task';
import { defaultWorkCalendar } from '@/lib/time/work-calendar';
import { fitFlowModel, type FlowHistory } from './fit-flow-model';
import { hours, testNow } from './testing/flow-model-fixture';

/** Monday 23 February 2026, 09:00: a week before the tests' now. */
const monday = Date.parse('2026-02-23T09:00:00Z');

/** A task of person 7 created at 09:00 with five others, started `startHours` later and closed after 3 h of work and 1 h of review. */
function task(id: number, startHours: number, returned = false): MetricTask {
  const startedAt = monday + hours(startHours);
  const handIn = startedAt + hours(3);
  const statusChanges = [
    { from: 2, to: 3, at: startedAt },
    { from: 3, to: 4, at: handIn },
    ...(returned
      ? [
          { from: 4, to: 3, at: handIn + hours(1) },
          { from: 3, to: 4, at: handIn + hours(3) },
          { from: 4, to: 5, at: handIn + hours(4) },
        ]
      : [{ from: 4, to: 5, at: handIn + hours(1) }]),
  ];
  return {
    id,
    status: 5,
    createdBy: 2,
    responsibleId: 7,
    createdAt: monday,
    startedAt,
    closedAt: statusChanges.at(-1)!.at,
    deadline: monday + hours(48),
    deadlineChanges: [],
    statusChanges,
    responsibleChanges: [],
  };
}

const history = (tasks: MetricTask[]): FlowHistory => ({
  distribution: 'queue',
  plannedSeconds: 48 * 3600,
  matchWorkTime: false,
  taskControl: true,
  team: [7, 8],
  moderatorIds: [],
  timeZoneOffset: '+00:00',
  calendar: defaultWorkCalendar,
  tasks,
});

describe('fitFlowModel', () => {
  // Six tasks wait from 09:00; person 7 starts them 2 h apart: each gap is 2 h, each work 3 h.
  const tasks = [1, 2, 3, 4, 5, 6].map((id) => task(id, 2 * id, id === 6));

  it('learns the gap between getting to one waiting task and the next, and the work', () => {
    const model = fitFlowModel(history(tasks), testNow);
    if ('error' in model) throw new Error(model.error);
    const seven = model.people.find((person) => person.id === 7)!;
    expect([...seven.paces.gaps]).toEqual(Array(6).fill(hours(2)));
    expect([...seven.paces.work]).toEqual(Array(6).fill(hours(3)));
    expect(seven.pooled).toBe(false);
  });

  it('shares new tasks as the last four weeks did, and the team member with none works at the team pace', () => {
    const model = fitFlowModel(history(tasks), testNow);
    if ('error' in model) throw new Error(model.error);
    expect(model.people.map((person) => [person.id, person.share, person.pooled])).toEqual([
      [7, 1, false],
      [8, 0, true],
    ]);
    // Six tasks in four weeks, all on Monday 09:00-10:00: 1.5 a week in that hour.
    expect(model.arrivalsByHour[24 + 9]).toBe(1.5);
    expect(model.arrivalsByHour.reduce((sum, rate) => sum + rate, 0)).toBe(1.5);
  });

  it('gives no new tasks to someone outside the team, who still finishes what they hold', () => {
    // Person 9 took the tasks lately but is no longer in the queue's team (7 and 8).
    const left = tasks.map((one) => ({ ...one, responsibleId: 9 }));
    const open: MetricTask = { ...left[0]!, id: 10, status: 3, closedAt: null, statusChanges: [] };
    const model = fitFlowModel(history([...left, open]), testNow);
    if ('error' in model) throw new Error(model.error);
    expect(model.people.map((person) => [person.id, person.share, person.inTeam])).toEqual([
      [7, 0.5, true],
      [8, 0.5, true],
      [9, 0, false],
    ]);
  });

  it('learns review stints, returns and rework', () => {
    const model = fitFlowModel(history(tasks), testNow);
    if ('error' in model) throw new Error(model.error);
    // Seven stints of 1 h; one of them sent the task back, handed in again 2 h later.
    expect([...model.reviews]).toEqual(Array(7).fill(hours(1)));
    expect(model.returnShare).toBeCloseTo(1 / 7);
    expect([...model.rework]).toEqual([hours(2)]);
  });

  it('keeps closed tasks in the window as settled, and open ones where they stand', () => {
    const open: MetricTask = {
      ...task(9, 10),
      status: 3,
      closedAt: null,
      statusChanges: [{ from: 2, to: 3, at: monday + hours(20) }],
    };
    const model = fitFlowModel(history([...tasks, open]), testNow);
    if ('error' in model) throw new Error(model.error);
    expect(model.settled).toHaveLength(6);
    expect(model.open).toEqual([
      {
        id: 9,
        createdAt: monday,
        deadline: monday + hours(48),
        stage: { kind: 'working', assignee: 7, since: monday + hours(20) },
        // Its deadline passed on Wednesday while it was in work: a violation still running.
        spans: [{ start: monday + hours(48), end: null }],
      },
    ]);
  });

  it('refuses a flow with too little history to learn from', () => {
    expect(fitFlowModel(history(tasks.slice(0, 3)), testNow)).toEqual({ error: 'too-little-history' });
  });
});
