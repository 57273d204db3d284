import { describe, expect, it } from 'vitest';
import { applyLevers, flowLeversSchema } from './flow-levers';
import { modelOf, personOf } from './testing/flow-model-fixture';
import { samplesOf } from './samples';

const issuesOf = (input: unknown) => {
  const parsed = flowLeversSchema.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((issue) => issue.message);
};

describe('flow levers', () => {
  it('refuses values no flow can have, with a code per lever', () => {
    expect(issuesOf({ plannedHours: 0 })).toEqual(['planned-hours']);
    expect(issuesOf({ plannedHours: 1.5 })).toEqual(['planned-hours']);
    expect(issuesOf({ plannedHours: 100_000 })).toEqual(['planned-hours']);
    expect(issuesOf({ addPeople: -1 })).toEqual(['add-people']);
    expect(issuesOf({ arrivalsPercent: 10_000 })).toEqual(['arrivals-percent']);
    expect(issuesOf({ arrivalsPercent: -100 })).toEqual(['arrivals-percent']);
    expect(issuesOf({ load: { kind: 'cap', person: 1, percent: 0 } })).toEqual(['cap-percent']);
    expect(issuesOf({ plannedHours: 'a lot' })).toEqual(['planned-hours']);
    expect(issuesOf({ teamSize: 3 })).not.toEqual([]);
    expect(issuesOf({ plannedHours: 36, addPeople: 2, arrivalsPercent: -20, review: false })).toEqual([]);
  });

  const model = modelOf({ people: [personOf(1, 1, 1, 0.8), personOf(2, 1, 1, 0.1), personOf(3, 1, 1, 0.1)] });
  const shares = (levers: Parameters<typeof applyLevers>[1]) => {
    const moved = applyLevers(model, levers);
    if ('error' in moved) throw new Error(moved.error);
    return moved.people.map((person) => [person.id, Number(person.share.toFixed(4)), person.removed]);
  };

  it('caps one person and shares the rest as the others share now', () => {
    expect(shares({ load: { kind: 'cap', person: 1, percent: 50 } })).toEqual([
      [1, 0.5, false],
      [2, 0.25, false],
      [3, 0.25, false],
    ]);
  });

  it('spreads the load evenly', () => {
    expect(shares({ load: { kind: 'spread' } })).toEqual([
      [1, 0.3333, false],
      [2, 0.3333, false],
      [3, 0.3333, false],
    ]);
  });

  it('adds people at an equal turn and takes people out with their share passed on', () => {
    expect(shares({ addPeople: 1 })).toEqual([
      [1, 0.6, false],
      [2, 0.075, false],
      [3, 0.075, false],
      [-1, 0.25, false],
    ]);
    expect(shares({ removePeople: [1] })).toEqual([
      [2, 0.5, false],
      [3, 0.5, false],
      [1, 0, true],
    ]);
  });

  it('leaves someone outside the team out of the levers', () => {
    const withOutsider = { ...model, people: [...model.people, { ...personOf(4, 1, 1, 0), inTeam: false }] };
    const moved = applyLevers(withOutsider, { load: { kind: 'spread' } });
    if ('error' in moved) throw new Error(moved.error);
    expect(moved.people.map((person) => [person.id, Number(person.share.toFixed(4))])).toEqual([
      [1, 0.3333],
      [2, 0.3333],
      [3, 0.3333],
      [4, 0],
    ]);
    expect(applyLevers(withOutsider, { removePeople: [4] })).toEqual({ error: 'remove-unknown-person' });
  });

  it('says why levers do not fit the flow', () => {
    expect(applyLevers(model, { removePeople: [1, 2, 3] })).toEqual({ error: 'remove-everyone' });
    expect(applyLevers(model, { removePeople: [9] })).toEqual({ error: 'remove-unknown-person' });
    expect(applyLevers(model, { load: { kind: 'cap', person: 9, percent: 50 } })).toEqual({
      error: 'cap-unknown-person',
    });
    expect(applyLevers(model, { review: true })).toEqual({ error: 'no-review-history' });
    const reviewed = applyLevers({ ...model, reviews: samplesOf([1]) }, { review: true, plannedHours: 36 });
    expect('error' in reviewed ? null : [reviewed.review, reviewed.plannedSeconds]).toEqual([true, 36 * 3600]);
  });
});
