import { describe, expect, it } from 'vitest';
import { efficiencyWindow, flowEfficiency, violationSpans, type EfficiencyTask } from './flow-efficiency';

const hour = 3_600_000;
const day = 24 * hour;
// 2026-05-20 12:00 in Moscow (UTC+3) is 09:00 UTC.
const now = Date.UTC(2026, 4, 20, 9);
const task = (overrides: Partial<EfficiencyTask>): EfficiencyTask => ({
  createdBy: '1',
  responsibleId: '2',
  status: '5',
  createdDate: now - 10 * day,
  closedDate: now - 5 * day,
  deadline: now - 4 * day,
  deadlineChanges: [],
  ...overrides,
});

describe('efficiency window', () => {
  it('runs from 30 days ago 00:00:01 to today 23:59:59, portal time', () => {
    const window = efficiencyWindow(now, '+03:00');
    expect(new Date(window.start).toISOString()).toBe('2026-04-19T21:00:01.000Z');
    expect(new Date(window.end).toISOString()).toBe('2026-05-20T20:59:59.000Z');
  });

  it('uses the portal day, not the UTC day, near midnight', () => {
    // 22:30 UTC on May 20 is already May 21 in Moscow.
    const late = Date.UTC(2026, 4, 20, 22, 30);
    expect(new Date(efficiencyWindow(late, '+03:00').end).toISOString()).toBe('2026-05-21T20:59:59.000Z');
    expect(new Date(efficiencyWindow(late, '-05:00').end).toISOString()).toBe('2026-05-21T04:59:59.000Z');
  });
});

describe('flow efficiency', () => {
  it('is 100 with no tasks', () => {
    expect(flowEfficiency([], now, '+03:00')).toEqual({ efficiency: 100, total: 0, violations: 0 });
  });

  it('counts late closes and open overdue tasks against all counted tasks, rounded', () => {
    const tasks = [
      task({}),
      task({ closedDate: now - 3 * day }),
      task({ status: '3', closedDate: null, deadline: now - day }),
    ];
    expect(flowEfficiency(tasks, now, '+03:00')).toEqual({ efficiency: 33, total: 3, violations: 2 });
  });

  it('leaves out deferred tasks, tasks whose creator is the assignee, tasks closed before the window and created after it', () => {
    const tasks = [
      task({}),
      task({ status: '6', closedDate: null, deadline: now - day }),
      task({ createdBy: '2', closedDate: now - 3 * day }),
      task({ createdDate: now - 90 * day, deadline: now - 80 * day, closedDate: now - 70 * day }),
      task({ createdDate: now + 2 * day, closedDate: null, deadline: now + 3 * day, status: '2' }),
    ];
    expect(flowEfficiency(tasks, now, '+03:00')).toEqual({ efficiency: 100, total: 1, violations: 0 });
  });

  it('keeps an overrun on record when the deadline was moved afterwards, not when moved in time', () => {
    const movedLate = task({
      status: '3',
      closedDate: null,
      deadline: now + 10 * day,
      deadlineChanges: [{ from: now - 6 * day, changedAt: now - 4 * day }],
    });
    const movedInTime = task({
      status: '3',
      closedDate: null,
      deadline: now + 10 * day,
      deadlineChanges: [{ from: now - 3 * day, changedAt: now - 4 * day }],
    });
    // The current deadline, 10 days ahead, would start a violation only when it passes.
    expect(violationSpans(movedLate)).toEqual([
      { start: now - 6 * day, end: now - 4 * day },
      { start: now + 10 * day, end: null },
    ]);
    expect(violationSpans(movedInTime)).toEqual([{ start: now + 10 * day, end: null }]);
    expect(flowEfficiency([movedLate, movedInTime], now, '+03:00')).toEqual({
      efficiency: 50,
      total: 2,
      violations: 1,
    });
  });

  it('an overrun reaching into the window counts; one repaired before the window does not', () => {
    const tasks = [
      task({
        createdDate: now - 60 * day,
        deadline: now - 50 * day,
        closedDate: now - 29 * day,
        deadlineChanges: [{ from: now - 45 * day, changedAt: now - 40 * day }],
      }),
    ];
    expect(flowEfficiency(tasks, now, '+03:00')).toEqual({ efficiency: 0, total: 1, violations: 1 });
    const repaired = [
      task({
        createdDate: now - 60 * day,
        deadline: now + day,
        closedDate: now - 29 * day,
        deadlineChanges: [{ from: now - 45 * day, changedAt: now - 40 * day }],
      }),
    ];
    expect(flowEfficiency(repaired, now, '+03:00')).toEqual({ efficiency: 100, total: 1, violations: 0 });
  });

  it('never goes below 0', () => {
    expect(flowEfficiency([task({ closedDate: now - day })], now, '+03:00').efficiency).toBe(0);
  });
});

/**
 * Each way the tasks module repairs a violation (lib/internals/counter/processor/
 * efficiencyprocessor.php, docs/bitrix24.md "Flow efficiency"), built by hand. The window is
 * 2026-04-20 00:00:01 to 2026-05-20 23:59:59 Moscow time; every task is created by 1 for 2.
 */
describe('violations as the module records and repairs them', () => {
  const open = (overrides: Partial<EfficiencyTask>) => task({ status: '3', closedDate: null, ...overrides });
  const onTime = task({ deadline: now - 4 * day, closedDate: now - 5 * day });

  it('review repairs: a task handed in for review before the window and still waiting is on time', () => {
    const inReview = open({
      status: '4',
      createdDate: now - 60 * day,
      deadline: now - 45 * day,
      statusChanges: [{ from: '3', changedAt: now - 35 * day }],
    });
    expect(flowEfficiency([inReview], now, '+03:00')).toEqual({ efficiency: 100, total: 1, violations: 0 });
    const handedInLate = open({
      status: '4',
      createdDate: now - 20 * day,
      deadline: now - 10 * day,
      statusChanges: [{ from: '3', changedAt: now - 5 * day }],
    });
    expect(flowEfficiency([handedInLate], now, '+03:00')).toEqual({ efficiency: 0, total: 1, violations: 1 });
  });

  it('completion repairs, and a reopened task past its deadline starts a new violation', () => {
    const completedBefore = task({
      createdDate: now - 60 * day,
      deadline: now - 45 * day,
      closedDate: now - 35 * day,
      statusChanges: [{ from: '3', changedAt: now - 35 * day }],
    });
    expect(flowEfficiency([completedBefore, onTime], now, '+03:00')).toEqual({
      efficiency: 100,
      total: 1,
      violations: 0,
    });
    const reopened = open({
      createdDate: now - 60 * day,
      deadline: now - 45 * day,
      statusChanges: [
        { from: '3', changedAt: now - 40 * day },
        { from: '5', changedAt: now - 2 * day },
      ],
    });
    expect(flowEfficiency([reopened], now, '+03:00')).toEqual({ efficiency: 0, total: 1, violations: 1 });
  });

  it('deferral repairs, yet a deferred task that overran in the window is a violation though not counted', () => {
    const deferredLate = open({
      status: '6',
      createdDate: now - 20 * day,
      deadline: now - 10 * day,
      statusChanges: [{ from: '3', changedAt: now - 5 * day }],
    });
    expect(flowEfficiency([deferredLate, onTime], now, '+03:00')).toEqual({ efficiency: 0, total: 1, violations: 1 });
    const deferredInTime = open({
      status: '6',
      createdDate: now - 20 * day,
      deadline: now - 3 * day,
      statusChanges: [{ from: '3', changedAt: now - 5 * day }],
    });
    expect(flowEfficiency([deferredInTime, onTime], now, '+03:00')).toEqual({
      efficiency: 100,
      total: 1,
      violations: 0,
    });
  });

  it('a deadline moved to a value not yet passed repairs; before the window it leaves nothing', () => {
    const movedBeforeWindow = open({
      createdDate: now - 60 * day,
      deadline: now + 5 * day,
      deadlineChanges: [{ from: now - 45 * day, changedAt: now - 35 * day }],
    });
    expect(flowEfficiency([movedBeforeWindow], now, '+03:00')).toEqual({ efficiency: 100, total: 1, violations: 0 });
    const movedToAnotherPast = open({
      createdDate: now - 60 * day,
      deadline: now - 40 * day,
      deadlineChanges: [{ from: now - 45 * day, changedAt: now - 42 * day }],
    });
    expect(flowEfficiency([movedToAnotherPast], now, '+03:00')).toEqual({ efficiency: 0, total: 1, violations: 1 });
  });

  it('handing the task to its creator repairs; handing it on from the creator starts a violation', () => {
    const toCreator = open({
      createdDate: now - 60 * day,
      deadline: now - 45 * day,
      responsibleId: '1',
      responsibleChanges: [{ from: '2', changedAt: now - 35 * day }],
    });
    expect(flowEfficiency([toCreator, onTime], now, '+03:00')).toEqual({ efficiency: 100, total: 1, violations: 0 });
    const fromCreator = open({
      createdDate: now - 60 * day,
      deadline: now - 45 * day,
      responsibleChanges: [{ from: '1', changedAt: now - 2 * day }],
    });
    expect(violationSpans(fromCreator)).toEqual([{ start: now - 2 * day, end: null }]);
    const toSomeoneElse = open({
      createdDate: now - 60 * day,
      deadline: now - 45 * day,
      responsibleId: '3',
      responsibleChanges: [{ from: '2', changedAt: now - 35 * day }],
    });
    expect(violationSpans(toSomeoneElse)).toEqual([
      { start: now - 45 * day, end: now - 35 * day },
      { start: now - 35 * day, end: null },
    ]);
  });

  it('a deadline later today has not passed yet', () => {
    expect(flowEfficiency([open({ deadline: now + 2 * 3_600_000 })], now, '+03:00')).toEqual({
      efficiency: 100,
      total: 1,
      violations: 0,
    });
  });
});
