import type { EfficiencyTask } from '@/lib/metrics/flow-efficiency';
import type { WorkCalendar } from '@/lib/time/work-calendar';
import type { Paces, Samples } from './samples';

/**
 * A flow as the simulator runs it (docs/simulation.md): its settings, each person's pace and the
 * waits of its stages learned from its history, and the tasks open now. Durations are plan time
 * (lib/simulation/plan-clock.ts); moments are epoch milliseconds.
 */
export type DistributionType = 'manually' | 'queue' | 'himself';

export type PersonModel = {
  id: number;
  /** Share of the flow's new tasks this person gets (all shares add up to 1). */
  share: number;
  /**
   * Task by task: how long the person took to get to the next task waiting for them, once the one
   * before was started, and its work from taking it into work to handing it in.
   */
  paces: Paces;
  /** The same work on its own, sorted: what is left of a task in work now is drawn from it. */
  work: Samples;
  /** Learned from the team as a whole: the person did too few tasks to have a pace of their own (or was added by a lever). */
  pooled: boolean;
  /**
   * Gets new tasks: in the flow's team (in a manual flow, also handed tasks by the moderator
   * lately). Someone outside it only finishes the tasks they hold.
   */
  inTeam: boolean;
  /** Taken out of the team by a lever: finishes what is in work; the tasks waiting for them go to others. */
  removed: boolean;
};

/** Where an open task stands now. */
export type OpenTaskStage =
  /** Waiting for the moderator of a manual flow to hand it on. */
  | { kind: 'unassigned'; since: number }
  /** Handed to `assignee` (or left for the team to take), not yet started. */
  | { kind: 'waiting'; assignee: number; since: number }
  | { kind: 'working'; assignee: number; since: number }
  | { kind: 'review'; assignee: number; since: number };

export type OpenTask = {
  id: number;
  createdAt: number;
  deadline: number | null;
  stage: OpenTaskStage;
  /** Its violations so far (epoch ms); the last may still run (end null), until the task is handed in. */
  spans: { start: number; end: number | null }[];
};

export type FlowModel = {
  now: number;
  timeZoneOffset: string;
  offsetMinutes: number;
  calendar: WorkCalendar;
  matchWorkTime: boolean;
  distribution: DistributionType;
  /** Seconds. */
  plannedSeconds: number;
  /** Task control: the creator reviews what is handed in. */
  review: boolean;
  /** Tasks arriving in each hour of the week (portal time, Sunday 0:00 first), on average. */
  arrivalsByHour: Float64Array;
  people: PersonModel[];
  /** The whole team's paces, for people with too few tasks of their own and for newcomers. */
  teamPaces: Paces;
  teamWork: Samples;
  /** Manual flows: from creation to being handed on (none seen: handed on at once). */
  assignDelays: Samples;
  /** Awaiting review, per stint (none seen: a review takes no time). */
  reviews: Samples;
  /** Share of reviews that send the task back. */
  returnShare: number;
  /** From being sent back to being handed in again. */
  rework: Samples;
  /** Of tasks heading past their deadline, the share whose deadline is moved before it passes. */
  rescueShare: number;
  open: OpenTask[];
  /** Closed and deferred tasks the efficiency window still sees: their part no longer changes. */
  settled: EfficiencyTask[];
  /** What the model rests on. */
  basis: { learnDays: number; arrivalDays: number; tasks: number; arrivals: number };
};
