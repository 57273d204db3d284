import type { CauseProfile, Range, Spread } from './cause-profiles';
import type { FlowPlan } from './flow-plans';
import { DAY, addWeekdayTime, duringWorkingDay, type PortalClock } from './portal-time';
import type { Random } from './random';
import type { SimulatedTask } from './simulated-task';

/** What simulating one flow's tasks needs, and the little state it carries from task to task. */
export type FlowSimulation = {
  plan: FlowPlan;
  profile: CauseProfile;
  random: Random;
  clock: PortalClock;
  asOf: number;
  /** Whose turn it is in a queue flow. */
  queueTurn: number;
  /** A requester to fall back on when drawing one keeps failing. */
  fallbackRequester: number;
};

/**
 * The next thing a person does, `seconds` of work after `from`. Flows planned in hours are served
 * round the clock (a duty rota); the others on weekdays, in working hours.
 */
export function step(flow: FlowSimulation, from: number, seconds: number): number {
  if (flow.plan.plannedSeconds < DAY) return from + Math.round(seconds);
  return duringWorkingDay(addWeekdayTime(from, seconds, flow.clock), from, flow.clock);
}

/** A step of `fraction` of the flow's planned time. */
export function later(flow: FlowSimulation, from: number, fraction: number): number {
  return step(flow, from, fraction * flow.plan.plannedSeconds);
}

export function within(random: Random, [min, max]: Range): number {
  return random.between(min, max);
}

export function spread(random: Random, shape: Spread): number {
  return Math.min(shape.max, Math.max(shape.min, random.logNormal(shape.median, shape.sigma)));
}

/** Puts the events in time order (ties keep the order they happened in) and cuts them at asOf. */
export function finished(task: SimulatedTask, asOf: number): SimulatedTask {
  task.events = task.events.filter((event) => event.at <= asOf).sort((a, b) => a.at - b.at);
  return task;
}
