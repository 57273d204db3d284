import { z } from 'zod';
import { hourMs } from '@/lib/time/durations';
import type { FlowModel, PersonModel } from './flow-model';

/** The longest planned time a lever may set: 90 days, as far as the calibration looks. */
export const maxLeverPlannedHours = 90 * 24;
export const maxAddedPeople = 20;
export const arrivalChangeLimits = { min: -90, max: 300 } as const;

/**
 * What a lead may change in the simulation (docs/simulation.md, "Levers"). Every field is
 * optional: an empty set is the flow as it is. The messages are codes the UI translates.
 */
export const flowLeversSchema = z
  .object({
    plannedHours: z
      .number({ message: 'planned-hours' })
      .int('planned-hours')
      .min(1, 'planned-hours')
      .max(maxLeverPlannedHours, 'planned-hours')
      .optional(),
    addPeople: z
      .number({ message: 'add-people' })
      .int('add-people')
      .min(0, 'add-people')
      .max(maxAddedPeople, 'add-people')
      .optional(),
    removePeople: z.array(z.number().int().positive()).max(100).optional(),
    load: z
      .discriminatedUnion('kind', [
        z.object({ kind: z.literal('spread') }),
        z.object({
          kind: z.literal('cap'),
          person: z.number().int().positive(),
          /** The most of the new tasks the person may get, in percent. */
          percent: z.number({ message: 'cap-percent' }).int('cap-percent').min(5, 'cap-percent').max(95, 'cap-percent'),
        }),
      ])
      .optional(),
    review: z.boolean().optional(),
    /** New tasks more or fewer than now, in percent. */
    arrivalsPercent: z
      .number({ message: 'arrivals-percent' })
      .int('arrivals-percent')
      .min(arrivalChangeLimits.min, 'arrivals-percent')
      .max(arrivalChangeLimits.max, 'arrivals-percent')
      .optional(),
  })
  .strict();

export type FlowLevers = z.infer<typeof flowLeversSchema>;

/** Whether any lever is moved (an empty set, or an empty list of people, moves none). */
export function leversMoved(levers: FlowLevers): boolean {
  return Object.values(levers).some((value) => value !== undefined && !(Array.isArray(value) && value.length === 0));
}

/** Why levers cannot be applied to this flow. */
export type LeverError =
  'remove-unknown-person' | 'remove-everyone' | 'cap-unknown-person' | 'cap-only-person' | 'no-review-history';

/** The model with the levers moved, or why they cannot be. */
export function applyLevers(model: FlowModel, levers: FlowLevers): FlowModel | { error: LeverError } {
  const removed = new Set(levers.removePeople ?? []);
  if ([...removed].some((id) => !model.people.some((person) => person.id === id && person.inTeam)))
    return { error: 'remove-unknown-person' };
  let team = model.people.filter((person) => person.inTeam && !removed.has(person.id));
  const added = levers.addPeople ?? 0;
  if (team.length + added === 0) return { error: 'remove-everyone' };
  if (added > 0) {
    // A newcomer works at the team's pace and takes an equal turn.
    const newcomer = (index: number): PersonModel => ({
      id: -(index + 1),
      share: 1 / (team.length + added),
      paces: model.teamPaces,
      work: model.teamWork,
      pooled: true,
      inTeam: true,
      removed: false,
    });
    const keep = team.length / (team.length + added);
    team = [
      ...normalised(team).map((person) => ({ ...person, share: person.share * keep })),
      ...Array.from({ length: added }, (_, index) => newcomer(index)),
    ];
  }
  team = normalised(team);
  if (levers.load?.kind === 'spread') team = team.map((person) => ({ ...person, share: 1 / team.length }));
  if (levers.load?.kind === 'cap') {
    const { person: id, percent } = levers.load;
    const capped = team.find((person) => person.id === id);
    if (!capped) return { error: 'cap-unknown-person' };
    if (team.length === 1) return { error: 'cap-only-person' };
    team = capShare(team, capped, percent / 100);
  }
  if (levers.review === true && !model.review && model.reviews.length === 0) return { error: 'no-review-history' };
  // Who leaves keeps the tasks already in work, and gets nothing new; who was outside stays so.
  const outside = model.people
    .filter((person) => !person.inTeam || removed.has(person.id))
    .map((person) => ({ ...person, share: 0, inTeam: false, removed: person.removed || removed.has(person.id) }));
  return {
    ...model,
    people: [...team, ...outside],
    plannedSeconds: levers.plannedHours !== undefined ? (levers.plannedHours * hourMs) / 1000 : model.plannedSeconds,
    review: levers.review ?? model.review,
    arrivalsByHour:
      levers.arrivalsPercent !== undefined
        ? model.arrivalsByHour.map((rate) => rate * (1 + levers.arrivalsPercent! / 100))
        : model.arrivalsByHour,
  };
}

/** The person gets at most `cap` of the new tasks; what they no longer get goes to the others as they share it now. */
function capShare(team: PersonModel[], capped: PersonModel, cap: number): PersonModel[] {
  if (capped.share <= cap) return team;
  const othersShare = 1 - capped.share;
  const others = team.length - 1;
  const excess = capped.share - cap;
  return team.map((person) =>
    person === capped
      ? { ...person, share: cap }
      : { ...person, share: person.share + excess * (othersShare > 0 ? person.share / othersShare : 1 / others) },
  );
}

/** Shares that add up to 1 (equal when nobody had any). */
function normalised(people: PersonModel[]): PersonModel[] {
  const sum = people.reduce((total, person) => total + person.share, 0);
  return people.map((person) => ({ ...person, share: sum > 0 ? person.share / sum : 1 / people.length }));
}
