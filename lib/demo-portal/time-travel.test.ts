import { describe, expect, it } from 'vitest';
import { parsePortalDate } from '@/lib/bitrix24/portal-dates';
import { dayMs } from '@/lib/time/durations';
import { PortalState } from './portal-state';
import { at, fixtureCompany, fixtureFlow, fixtureTask } from './testing/fixture-company';
import { moveOn } from './time-travel';

/** A flow whose tasks all sit with one person (2), some already late, and a month of intake behind it. */
function overloadedCompany() {
  const tasks = [
    ...Array.from({ length: 8 }, (_, index) =>
      fixtureTask(index + 1, {
        flowId: '1',
        status: '2',
        responsibleId: '2',
        createdDate: at(-24 * (index + 1)),
        deadline: at(-24 * (index + 1) + 48),
      }),
    ),
    ...Array.from({ length: 12 }, (_, index) =>
      fixtureTask(index + 20, {
        flowId: '1',
        status: '5',
        responsibleId: '3',
        createdDate: at(-24 * (index + 10)),
        closedDate: at(-24 * (index + 10) + 20),
        deadline: at(-24 * (index + 10) + 48),
      }),
    ),
    fixtureTask(50, { flowId: '2', status: '2', responsibleId: '3', createdDate: at(-5) }),
  ];
  return fixtureCompany({
    flows: [
      fixtureFlow(1, {
        team: [
          ['user', '2'],
          ['user', '3'],
        ],
      }),
      fixtureFlow(2),
    ],
    tasks,
  });
}

describe('moving the demo on', () => {
  it('ages every date by the days moved on and replays them with the flow working well', () => {
    const now = Date.UTC(2026, 11, 4, 9, 0, 0);
    const state = new PortalState(overloadedCompany(), () => now);
    const before = state.moduleEfficiency(1);
    const otherCreated = state.task(50)!.createdAt;

    const moved = moveOn(state, { days: 14, flowId: 1 });

    expect(moved.reassigned).toBe(8);
    expect(moved.added).toBeGreaterThan(0);
    // The other flow's task is only older.
    expect(state.task(50)!.createdAt).toBe(otherCreated - 14 * dayMs);
    expect(state.task(50)!.record.status).toBe('2');
    // Nothing is dated after now, and everything of the flow that was open is done.
    for (const stored of state.tasks) {
      expect(stored.createdAt).toBeLessThanOrEqual(now);
      expect(stored.changedAt).toBeLessThanOrEqual(now);
    }
    for (const id of [1, 2, 3, 4, 5, 6, 7, 8]) {
      expect(state.task(id)!.record.status).toBe('5');
      expect(state.task(id)!.record.responsibleId).toBe('3');
    }
    // The history says who handed the work on, and when: at the start of the days replayed.
    const handOn = state.history.get(1)!.find((row) => row.field === 'RESPONSIBLE_ID')!;
    expect(parsePortalDate(handOn.createdDate)).toBe(now - 14 * dayMs + 3_600_000);
    // New tasks went round the whole team.
    const added = state.tasks.filter((stored) => Number(stored.record.id) > 50);
    expect(new Set(added.map((stored) => stored.record.responsibleId))).toEqual(new Set(['2', '3']));
    expect(state.moduleEfficiency(1)).toBeGreaterThanOrEqual(before);
  });

  it('refuses an unknown flow and days outside 1 to 28', () => {
    const state = new PortalState(overloadedCompany());
    expect(() => moveOn(state, { days: 14, flowId: 99 })).toThrow('no flow 99');
    expect(() => moveOn(state, { days: 0, flowId: 1 })).toThrow('1 to 28 days');
    expect(() => moveOn(state, { days: 40, flowId: 1 })).toThrow('1 to 28 days');
  });
});
