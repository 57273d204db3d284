import type { PrismaClient } from '@/lib/db/client';
import { peopleOf } from '@/lib/people/people-of';
import { ActionError } from '@/lib/errors/action-error';
import { fitFlowModel, type FitError } from './fit-flow-model';
import { applyLevers, type FlowLevers } from './flow-levers';
import type { FlowModel } from './flow-model';
import { loadFlowHistory } from './load-flow-history';
import { simulateFlow, simulationDays, simulationRuns, type Simulation } from './simulate-flow';

/** A person the levers can move: their name, and their share of the new tasks now. */
export type WhatIfPerson = { bitrixUserId: number; name: string; sharePercent: number; ownPace: boolean };

/** What the simulator learned of a flow, as the levers start from it. */
export type WhatIfModel = {
  plannedHours: number;
  review: boolean;
  /** Whether the history holds reviews to learn their time from (switching review on needs it). */
  reviewKnown: boolean;
  distribution: FlowModel['distribution'];
  people: WhatIfPerson[];
  basis: FlowModel['basis'] & { openTasks: number };
  runs: number;
  days: number;
};

/** The flow's model at `now`, or why there is none; null for an unknown flow. */
async function modelOf(
  db: PrismaClient,
  flowId: string,
  now: Date,
): Promise<{ portalId: string; model: FlowModel } | { error: FitError } | null> {
  const flow = await loadFlowHistory(db, flowId, now);
  if (!flow) return null;
  const model = fitFlowModel(flow.history, now.getTime());
  return 'error' in model ? model : { portalId: flow.portalId, model };
}

/** What the What if tab starts from: the model's settings and people, or why the flow cannot be simulated. */
export async function whatIfModel(
  db: PrismaClient,
  flowId: string,
  now = new Date(),
): Promise<WhatIfModel | { error: FitError } | null> {
  const fitted = await modelOf(db, flowId, now);
  if (fitted === null || 'error' in fitted) return fitted;
  const { model, portalId } = fitted;
  const people = model.people.filter((person) => !person.removed);
  const personOf = await peopleOf(
    db,
    people.map((person) => ({ portalId, bitrixUserId: person.id })),
  );
  return {
    plannedHours: Math.round(model.plannedSeconds / 3600),
    review: model.review,
    reviewKnown: model.reviews.length > 0,
    distribution: model.distribution,
    people: people
      .map((person) => ({
        bitrixUserId: person.id,
        name: personOf(portalId, person.id).name,
        sharePercent: Math.round(person.share * 100),
        ownPace: !person.pooled,
      }))
      .sort((a, b) => b.sharePercent - a.sharePercent || a.name.localeCompare(b.name)),
    basis: { ...model.basis, openTasks: model.open.length },
    runs: simulationRuns,
    days: simulationDays,
  };
}

/**
 * The flow simulated with the levers (none: as it is). Always the same seed, so a run with levers
 * differs from the run as it is where the levers make it. Throws ActionError with the reason when
 * it cannot be simulated.
 */
export async function simulateWhatIf(
  db: PrismaClient,
  flowId: string,
  levers: FlowLevers,
  now = new Date(),
): Promise<Simulation> {
  const fitted = await modelOf(db, flowId, now);
  if (fitted === null) throw new ActionError('not-found', 'No such flow.');
  if ('error' in fitted) throw new ActionError(fitted.error, 'The flow has too little history to simulate.');
  const moved = applyLevers(fitted.model, levers);
  if ('error' in moved) throw new ActionError(moved.error, 'These levers do not fit the flow.');
  return simulateFlow(moved);
}
