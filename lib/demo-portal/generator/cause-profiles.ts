import type { FlowCause } from './flow-causes';

/** [min, max) of a uniform draw. Durations are fractions of the flow's planned completion time. */
export type Range = readonly [number, number];
/** A log-normal draw around `median`, clamped to [min, max]; a fraction of the planned time. */
export type Spread = { median: number; sigma: number; min: number; max: number };

/**
 * How a flow's tasks live, per cause. Durations are fractions of the planned completion time,
 * counted in weekday time. A healthy flow finishes well inside its planned time (only a rare
 * long task runs late, and most of those get their deadline moved in time); each failing cause
 * changes one thing, which is what makes the cause dominant and measurable.
 */
export type CauseProfile = {
  /** Relative task intake per day of the week, Sunday first. */
  intakeByWeekday: readonly number[];
  /** Manual flows: how long the moderator takes to hand a task on. */
  assignDelay: Range;
  /** From being assigned (or created, in self-assignment flows) to being taken into work. */
  pickup: Range;
  /** In progress until done. */
  work: Spread;
  /** Share of tasks whose work runs 0.9–1.5 of the planned time whatever the cause. */
  lateTail: number;
  /** Awaiting the creator's review (flows with task control). */
  review: Spread;
  /** Of reviewed tasks, the share the creator sends back for rework once. Handing in stops a
   *  violation in Bitrix24's efficiency, so a slow review costs efficiency only through returns
   *  that come after the deadline. */
  returnShare: number;
  /** Of tasks heading past their deadline: share whose deadline is moved before it passes. */
  postponeBeforeDue: number;
  /** Of the rest: share whose deadline is moved after it was overrun (the overrun still counts). */
  postponeAfterOverrun: number;
  /** Share of tasks set with a short or empty description. */
  thinShare: number;
  /** Time spent asking what a thin task means, before work starts. */
  thinClarification: Range;
  thinWorkFactor: number;
  /** Share of old tasks left in the legacy status 1 ("new") and never touched. */
  legacyNewShare: number;
  /** One team member gets `share` of the tasks from `sinceDays` before asOf and falls behind: the
   *  wait before he starts grows by `growth` seconds per second since then (his backlog). */
  overload: { share: number; sinceDays: number; growth: number; workFactor: number } | null;
  /** Intake grows `factor`-fold for the last `sinceDays`; the team's backlog wait grows by `growth`. */
  spike: { sinceDays: number; factor: number; growth: number } | null;
};

const healthy: CauseProfile = {
  intakeByWeekday: [0.04, 1, 1, 1, 1, 1, 0.06],
  assignDelay: [0.01, 0.06],
  pickup: [0.01, 0.06],
  work: { median: 0.28, sigma: 0.35, min: 0.05, max: 0.55 },
  lateTail: 0.015,
  review: { median: 0.04, sigma: 0.4, min: 0.01, max: 0.1 },
  returnShare: 0.06,
  postponeBeforeDue: 0.6,
  postponeAfterOverrun: 0.3,
  thinShare: 0.04,
  thinClarification: [0, 0],
  thinWorkFactor: 1,
  legacyNewShare: 0,
  overload: null,
  spike: null,
};

/** Failing flows rarely rescue a deadline in time: that is part of why they fail. */
const failing: CauseProfile = { ...healthy, postponeBeforeDue: 0.1 };

export const causeProfiles: Record<FlowCause, CauseProfile> = {
  healthy,
  inactive: healthy,
  empty: healthy,
  'overloaded-assignee': { ...failing, overload: { share: 0.55, sinceDays: 50, growth: 0.35, workFactor: 1.2 } },
  'planned-time-too-short': { ...failing, work: { median: 1.15, sigma: 0.3, min: 0.5, max: 2.5 }, lateTail: 0 },
  'slow-manual-distribution': {
    ...failing,
    assignDelay: [0.7, 1.8],
    work: { median: 0.2, sigma: 0.3, min: 0.05, max: 0.4 },
    legacyNewShare: 0.01,
  },
  'review-bottleneck': {
    ...failing,
    work: { median: 0.25, sigma: 0.3, min: 0.05, max: 0.45 },
    review: { median: 0.9, sigma: 0.5, min: 0.3, max: 3 },
    returnShare: 0.6,
  },
  'thin-descriptions': { ...failing, thinShare: 0.5, thinClarification: [0.5, 1], thinWorkFactor: 1.8 },
  'intake-spike': { ...failing, spike: { sinceDays: 18, factor: 3, growth: 1.1 } },
  // More shipments at the end of the week, none at weekends; work fits two weekdays but not a
  // deadline that lands on Saturday or Sunday.
  'weekend-deadlines': {
    ...failing,
    intakeByWeekday: [0, 1, 1, 1, 1.3, 1.4, 0],
    pickup: [0.02, 0.04],
    work: { median: 0.8, sigma: 0.06, min: 0.7, max: 0.88 },
    lateTail: 0,
    postponeBeforeDue: 0,
    postponeAfterOverrun: 0,
  },
};
