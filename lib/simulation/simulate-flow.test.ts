import { describe, expect, it } from 'vitest';
import { pacesOf, samplesOf } from './samples';
import { simulateFlow } from './simulate-flow';
import { hours, modelOf, personOf, testNow } from './testing/flow-model-fixture';

const waiting = (id: number, deadlineHours: number) => ({
  id,
  createdAt: testNow - hours(1),
  deadline: testNow + hours(deadlineHours),
  stage: { kind: 'waiting' as const, assignee: 1, since: testNow - hours(1) + id },
  spans: [],
});

describe('simulateFlow', () => {
  it('lets one person get to waiting tasks one after another, so the last runs late', () => {
    // Gaps of 10 h: starts at +10, +20, +30 h; work of 1 h hands them in at +11, +21, +31 h.
    // The deadline (+24 h, Tuesday noon) is missed by the third only: 1 of 3 late from day 1.
    const model = modelOf({ people: [personOf(1, 10, 1)], open: [1, 2, 3].map((id) => waiting(id, 24)) });
    const result = simulateFlow(model, { days: 3, runs: 20 });
    expect(result.days.map((day) => day.efficiency.median)).toEqual([100, 67, 67, 67]);
    // At Monday's end the second (Tuesday 08:00) and third (Tuesday 18:00) still wait.
    expect(result.days[0]!.pending.median).toBe(2);
    expect(result.days[1]!.pending.median).toBe(0);
    expect(result.pendingHours).toEqual({ median: 21, low: 21, high: 21 });
    expect(result.inProgressHours).toEqual({ median: 1, low: 1, high: 1 });
    expect(result.completed.median).toBe(3);
  });

  it('counts a review that sends a task back after its deadline as a violation', () => {
    // Work 2 h, review 3 h, always sent back, rework 5 h: handed in again at +10 h, past the +8 h deadline.
    const open = [
      {
        id: 1,
        createdAt: testNow - hours(1),
        deadline: testNow + hours(8),
        stage: { kind: 'working' as const, assignee: 1, since: testNow },
        spans: [],
      },
    ];
    const reviewed = modelOf({
      people: [personOf(1, 1, 2)],
      review: true,
      reviews: samplesOf([hours(3)]),
      returnShare: 1,
      rework: samplesOf([hours(5)]),
      open,
    });
    expect(simulateFlow(reviewed, { days: 1, runs: 10 }).days.map((day) => day.efficiency.median)).toEqual([0, 0]);
    // Without task control nobody sends it back: handed in and done at +2 h.
    const unreviewed = { ...reviewed, review: false };
    expect(simulateFlow(unreviewed, { days: 1, runs: 10 }).days.map((day) => day.efficiency.median)).toEqual([
      100, 100,
    ]);
  });

  it('gives new tasks the flow deadline: work of 30 h misses a 24 h plan and keeps a 48 h one', () => {
    const arrivalsByHour = new Float64Array(168).fill(1);
    const model = modelOf({ arrivalsByHour, people: [personOf(1, 0, 30)] });
    // By day 10, tasks created more than 30 h before its end are late: (252 − 30) / 252 of them.
    const short = simulateFlow(model, { days: 10, runs: 50 }).days[10]!.efficiency;
    expect(short.median).toBeGreaterThanOrEqual(8);
    expect(short.median).toBeLessThanOrEqual(16);
    const long = simulateFlow({ ...model, plannedSeconds: 48 * 3600 }, { days: 10, runs: 50 });
    expect(long.days[10]!.efficiency).toEqual({ median: 100, low: 100, high: 100 });
  });

  it('is seeded: the same model and seed give the same numbers, another seed others', () => {
    const model = modelOf({
      arrivalsByHour: new Float64Array(168).fill(0.5),
      people: [
        {
          ...personOf(1, 0, 0),
          paces: pacesOf([
            { gap: 0, work: hours(5) },
            { gap: hours(2), work: hours(20) },
            { gap: hours(8), work: hours(40) },
          ]),
        },
      ],
    });
    const first = simulateFlow(model, { days: 10, runs: 100 });
    expect(simulateFlow(model, { days: 10, runs: 100 })).toEqual(first);
    expect(simulateFlow(model, { days: 10, runs: 100, seed: 7 })).not.toEqual(first);
  });

  it('takes a stage the history never shows as taking no time, so the tasks still move on', () => {
    // A manual flow with no hand-over seen, and task control on with no review seen.
    const model = modelOf({
      distribution: 'manually',
      review: true,
      arrivalsByHour: new Float64Array(168).fill(0.5),
      people: [personOf(1, 1, 2)],
    });
    const result = simulateFlow(model, { days: 5, runs: 20 });
    expect(result.completed.median).toBeGreaterThan(40);
    expect(result.days.at(-1)!.pending.high).toBeLessThan(5);
    expect(result.efficiency).toEqual({ median: 100, low: 100, high: 100 });
  });

  it('draws each task from its own stream: a lever that changes nothing changes no number', () => {
    const model = modelOf({
      arrivalsByHour: new Float64Array(168).fill(0.5),
      people: [
        {
          ...personOf(1, 0, 0, 0.5),
          paces: pacesOf([
            { gap: 0, work: hours(5) },
            { gap: hours(3), work: hours(30) },
          ]),
        },
        {
          ...personOf(2, 0, 0, 0.5),
          paces: pacesOf([
            { gap: 0, work: hours(5) },
            { gap: hours(3), work: hours(30) },
          ]),
        },
      ],
    });
    // A third person with no share gets no task, and every other draw stays where it was.
    const outsider = { ...personOf(3, 50, 50, 0), inTeam: false };
    expect(simulateFlow({ ...model, people: [...model.people, outsider] }, { days: 10, runs: 50 })).toEqual(
      simulateFlow(model, { days: 10, runs: 50 }),
    );
  });

  it('keeps settled tasks in the window until their close falls out of it', () => {
    const settled = {
      createdBy: '2',
      responsibleId: '1',
      status: '5',
      createdDate: testNow - hours(24 * 20),
      closedDate: testNow - hours(24 * 10),
      deadline: testNow - hours(24 * 15),
      deadlineChanges: [],
    };
    const result = simulateFlow(modelOf({ settled: [settled] }), { days: 25, runs: 5 });
    // Late for five days before its close, ten days ago: in the window until day 20, then gone.
    expect(result.days[20]!.efficiency.median).toBe(0);
    expect(result.days[21]!.efficiency.median).toBe(100);
  });
});
