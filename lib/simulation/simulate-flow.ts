import type { RandomGenerator } from 'pure-rand';
import { flowDeadline } from '@/lib/bitrix24/flow-deadline';
import { countsForEfficiency, efficiencyOf, efficiencyWindow, violatesInWindow } from '@/lib/metrics/flow-efficiency';
import { bandOf, type Band } from '@/lib/metrics/percentiles';
import { portalDay } from '@/lib/metrics/portal-days';
import { streamOf, uniform } from '@/lib/metrics/seeded-random';
import { dayMs, hourMs } from '@/lib/time/durations';
import { hourOfWeek } from '@/lib/time/hour-of-week';
import type { FlowModel, OpenTask } from './flow-model';
import { planClock } from './plan-clock';
import { draw, drawRest } from './samples';

export type { Band };

/** A portal day ahead (day 0 is today, "YYYY-MM-DD") and the flow as it stands at its end. */
export type SimulatedDay = { day: string; efficiency: Band; pending: Band; inProgress: Band };

export type Simulation = {
  days: SimulatedDay[];
  /** Efficiency at the end of the last day. */
  efficiency: Band;
  /** Hours from creation to being taken into work, of the tasks taken in the days ahead (a mean per run). */
  pendingHours: Band | null;
  /** Hours from being taken into work to being handed in, of the tasks handed in in the days ahead. */
  inProgressHours: Band | null;
  /** Tasks completed in the days ahead. */
  completed: Band;
  runs: number;
};

export type SimulationOptions = { days?: number; runs?: number; seed?: number };

export const simulationDays = 30;
export const simulationRuns = 1_000;
const simulationSeed = 20;
/** The portal's window: a close at or after this long before a day's end still counts on that day. */
const windowReach = 31 * dayMs - 2_000;

/** A task the runs move on: one open now, or one that arrives. */
type RunTask = {
  open: OpenTask | null;
  createdAt: number;
  deadline: number | null;
  /** Plan time from which it waits for a person; null when it needs none (in work or in review now). */
  ready: number | null;
  person: number;
  start: number;
  /** Its work from its start to its hand-in, drawn with its gap (plan time). */
  work: number;
  /** The task's own draws (see streamOf). */
  random: RandomGenerator;
};

/**
 * Runs the flow's model forward (docs/simulation.md, "How a run goes") and reads each day's
 * efficiency by the portal's rule, the tasks pending and in progress, and how long tasks waited
 * and worked. Seeded: the same model and options give the same numbers, and two models run with
 * the same seed draw alike, so a lever's effect is not lost in noise.
 */
export function simulateFlow(model: FlowModel, options: SimulationOptions = {}): Simulation {
  const days = options.days ?? simulationDays;
  const runs = options.runs ?? simulationRuns;
  const seed = options.seed ?? simulationSeed;
  const { now, people } = model;
  const lastEnd = efficiencyWindow(now, model.timeZoneOffset).end;
  const horizonEnd = lastEnd + days * dayMs;
  const earliest = Math.min(now, ...model.open.map((task) => Math.min(task.createdAt, task.stage.since)));
  const clock = planClock(model.matchWorkTime, model.calendar, model.offsetMinutes, earliest, horizonEnd + 120 * dayMs);
  const plan = clock.toPlan;
  const moment = clock.fromPlan;
  const planNow = plan(now);
  const dayOf = (at: number) => (at <= lastEnd ? 0 : Math.ceil((at - lastEnd) / dayMs));
  const lastDaySeen = (closedAt: number) => Math.min(days, Math.floor((closedAt - lastEnd + windowReach) / dayMs));

  // What the settled tasks give each day, once for all runs.
  const settledTotal = new Int32Array(days + 1);
  const settledLate = new Int32Array(days + 1);
  for (let day = 0; day <= days; day++) {
    const window = efficiencyWindow(now + day * dayMs, model.timeZoneOffset);
    for (const task of model.settled) {
      if (countsForEfficiency(task, window)) settledTotal[day]!++;
      if (violatesInWindow(task, window, window.end)) settledLate[day]!++;
    }
  }

  const deadlines = new Map<number, number>();
  const deadlineOf = (createdAt: number): number | null => {
    if (model.plannedSeconds <= 0) return null;
    const minute = Math.floor(createdAt / 60_000);
    let deadline = deadlines.get(minute);
    if (deadline === undefined) {
      deadline = flowDeadline(
        minute * 60_000,
        model.plannedSeconds,
        model.matchWorkTime,
        model.calendar,
        model.offsetMinutes,
      );
      deadlines.set(minute, deadline);
    }
    return deadline;
  };

  // Expected arrivals in each hour ahead.
  const firstHour = Math.floor(now / hourMs) * hourMs;
  const hours = Math.ceil((horizonEnd - firstHour) / hourMs);
  const arrivalRate = new Float64Array(hours);
  for (let hour = 0; hour < hours; hour++) {
    const from = Math.max(now, firstHour + hour * hourMs);
    const to = Math.min(horizonEnd, firstHour + (hour + 1) * hourMs);
    arrivalRate[hour] =
      (model.arrivalsByHour[hourOfWeek(from, model.offsetMinutes)]! * Math.max(0, to - from)) / hourMs;
  }

  const shares = cumulativeShares(people.map((person) => person.share));
  const indexOf = new Map(people.map((person, index) => [person.id, index]));
  // Tasks waiting now are got to in the order they began to wait.
  const openInOrder = [...model.open].sort((a, b) => a.stage.since - b.stage.since);

  const perDay = days + 1;
  const efficiency = new Float64Array(runs * perDay);
  const pending = new Float64Array(runs * perDay);
  const inProgress = new Float64Array(runs * perDay);
  const pendingHours: number[] = [];
  const inProgressHours: number[] = [];
  const completed: number[] = [];
  const total = new Int32Array(perDay + 1);
  const late = new Int32Array(perDay + 1);
  const waiting = new Int32Array(perDay + 1);
  const working = new Int32Array(perDay + 1);
  const addDays = (counts: Int32Array, from: number, to: number) => {
    const first = Math.max(0, from);
    const last = Math.min(days, to);
    if (first > last) return;
    counts[first]!++;
    counts[last + 1]!--;
  };

  for (let run = 0; run < runs; run++) {
    const arrivals = streamOf(seed, run, 0);
    total.fill(0);
    late.fill(0);
    waiting.fill(0);
    working.fill(0);
    let waitedSum = 0;
    let waitedCount = 0;
    let workedSum = 0;
    let workedCount = 0;
    let done = 0;

    // A task's violations come in time order; the days they reach merge, so a day counts the task once.
    let lateFrom = 0;
    let lateTo = -1;
    const addLate = (start: number, end: number) => {
      const from = dayOf(start);
      const to = lastDaySeen(end);
      if (from > to) return;
      if (lateTo >= lateFrom && from <= lateTo + 1) lateTo = Math.max(lateTo, to);
      else {
        addDays(late, lateFrom, lateTo);
        lateFrom = from;
        lateTo = to;
      }
    };

    const tasks: RunTask[] = [];
    openInOrder.forEach((task, index) => {
      const random = streamOf(seed, run, 1, index);
      const stage = task.stage;
      const ready =
        stage.kind === 'unassigned'
          ? planNow +
            (model.distribution === 'manually' ? drawRest(model.assignDelays, planNow - plan(stage.since), random) : 0)
          : stage.kind === 'waiting'
            ? planNow
            : null;
      // A task waiting for someone who leaves the team is handed to someone else.
      const holder = stage.kind === 'unassigned' ? -1 : indexOf.get(stage.assignee)!;
      const person = stage.kind === 'waiting' && people[holder]!.removed ? -1 : holder;
      tasks.push({
        open: task,
        createdAt: task.createdAt,
        deadline: task.deadline,
        ready,
        person,
        start: NaN,
        work: NaN,
        random,
      });
    });
    let arrived = 0;
    for (let hour = 0; hour < hours; hour++) {
      const count = poisson(arrivalRate[hour]!, arrivals);
      const from = Math.max(now, firstHour + hour * hourMs);
      const to = Math.min(horizonEnd, firstHour + (hour + 1) * hourMs);
      for (let arrival = 0; arrival < count; arrival++) {
        const random = streamOf(seed, run, 2, arrived++);
        const createdAt = from + uniform(random) * (to - from);
        const handOn = model.distribution === 'manually' ? draw(model.assignDelays, random) : 0;
        tasks.push({
          open: null,
          createdAt,
          deadline: deadlineOf(createdAt),
          ready: plan(createdAt) + handOn,
          person: -1,
          start: NaN,
          work: NaN,
          random,
        });
      }
    }

    // Each person gets to the tasks waiting for them one after another.
    const freeAt = new Float64Array(people.length).fill(planNow);
    const queue = tasks.filter((task) => task.ready !== null);
    // Arrivals come in time order; only a hand-over delay can put a task behind a later one.
    if (model.distribution === 'manually') queue.sort((a, b) => a.ready! - b.ready!);
    for (const task of queue) {
      if (task.person < 0) task.person = pick(shares, task.random);
      const { paces } = people[task.person]!;
      const pace = Math.floor(uniform(task.random) * paces.gaps.length);
      task.start = Math.max(task.ready!, freeAt[task.person]!) + paces.gaps[pace]!;
      task.work = paces.work[pace]!;
      freeAt[task.person] = task.start;
    }

    for (const task of tasks) {
      const { open, random } = task;
      const stage = open?.stage;
      const person = people[task.person]!;
      let handedIn: number | null = null;
      let reviewEnd: number;
      if (stage?.kind === 'review') reviewEnd = planNow + drawRest(model.reviews, planNow - plan(stage.since), random);
      else {
        handedIn =
          stage?.kind === 'working'
            ? planNow + drawRest(person.work, planNow - plan(stage.since), random)
            : task.start + task.work;
        reviewEnd = model.review ? handedIn + draw(model.reviews, random) : handedIn;
      }
      let returnedAt: number | null = null;
      let handedInAgain: number | null = null;
      let closedAt = reviewEnd;
      if (
        (model.review || stage?.kind === 'review') &&
        model.rework.length > 0 &&
        uniform(random) < model.returnShare
      ) {
        returnedAt = reviewEnd;
        handedInAgain = returnedAt + draw(model.rework, random);
        closedAt = model.review ? handedInAgain + draw(model.reviews, random) : handedInAgain;
      }

      const started = task.ready === null ? null : moment(task.start);
      const handIn = handedIn === null ? null : moment(handedIn);
      const returned = returnedAt === null ? null : moment(returnedAt);
      const handInAgain = handedInAgain === null ? null : moment(handedInAgain);
      const closed = moment(closedAt);
      // A self-assignment task stays with its creator, outside the rule, until someone takes it.
      const takenAt =
        model.distribution === 'himself' && stage?.kind !== 'working' && stage?.kind !== 'review' ? started : null;
      const countsFrom = takenAt ?? task.createdAt;

      lateFrom = 0;
      lateTo = -1;
      let ongoing = false;
      for (const span of open?.spans ?? []) {
        ongoing ||= span.end === null;
        addLate(span.start, span.end ?? handIn ?? now);
      }
      let rescued = false;
      if (task.deadline !== null && handIn !== null && handIn > task.deadline && !ongoing) {
        if (task.deadline > now && uniform(random) < model.rescueShare) rescued = true;
        else addLate(Math.max(task.deadline, countsFrom, now), handIn);
      }
      if (!rescued && task.deadline !== null && returned !== null && handInAgain! > task.deadline)
        addLate(Math.max(returned, task.deadline), handInAgain!);
      addDays(late, lateFrom, lateTo);
      addDays(total, dayOf(countsFrom), lastDaySeen(closed));

      if (started !== null) {
        addDays(waiting, dayOf(task.createdAt), dayOf(started) - 1);
        if (started <= horizonEnd) {
          waitedSum += started - task.createdAt;
          waitedCount++;
        }
      }
      const workFrom = started ?? (stage?.kind === 'working' ? stage.since : null);
      if (workFrom !== null && handIn !== null) {
        addDays(working, dayOf(workFrom), dayOf(handIn) - 1);
        if (handIn <= horizonEnd) {
          workedSum += handIn - workFrom;
          workedCount++;
        }
      }
      if (returned !== null) addDays(working, dayOf(returned), dayOf(handInAgain!) - 1);
      if (closed <= horizonEnd) done++;
    }

    let totalNow = 0;
    let lateNow = 0;
    let waitingNow = 0;
    let workingNow = 0;
    for (let day = 0; day <= days; day++) {
      totalNow += total[day]!;
      lateNow += late[day]!;
      waitingNow += waiting[day]!;
      workingNow += working[day]!;
      const at = run * perDay + day;
      efficiency[at] = efficiencyOf(settledTotal[day]! + totalNow, settledLate[day]! + lateNow);
      pending[at] = waitingNow;
      inProgress[at] = workingNow;
    }
    if (waitedCount > 0) pendingHours.push(waitedSum / waitedCount / hourMs);
    if (workedCount > 0) inProgressHours.push(workedSum / workedCount / hourMs);
    completed.push(done);
  }

  const column = (values: Float64Array, day: number) => {
    const list: number[] = [];
    for (let run = 0; run < runs; run++) list.push(values[run * perDay + day]!);
    return list;
  };
  const dayList: SimulatedDay[] = [];
  for (let day = 0; day <= days; day++)
    dayList.push({
      day: portalDay(lastEnd + day * dayMs, model.timeZoneOffset),
      efficiency: bandOf(column(efficiency, day), Math.round),
      pending: bandOf(column(pending, day), oneDecimal),
      inProgress: bandOf(column(inProgress, day), oneDecimal),
    });
  return {
    days: dayList,
    efficiency: dayList.at(-1)!.efficiency,
    pendingHours: pendingHours.length === 0 ? null : bandOf(pendingHours, oneDecimal),
    inProgressHours: inProgressHours.length === 0 ? null : bandOf(inProgressHours, oneDecimal),
    completed: bandOf(completed, Math.round),
    runs,
  };
}

function cumulativeShares(shares: readonly number[]): Float64Array {
  const sum = shares.reduce((total, share) => total + share, 0);
  const cumulative = new Float64Array(shares.length);
  let running = 0;
  shares.forEach((share, index) => {
    running += sum > 0 ? share / sum : 1 / shares.length;
    cumulative[index] = running;
  });
  return cumulative;
}

/** A person by their share (never one with none, even where the shares' sum falls short of 1 by rounding). */
function pick(cumulative: Float64Array, random: RandomGenerator): number {
  const u = uniform(random);
  for (let index = 0; index < cumulative.length; index++) if (u < cumulative[index]!) return index;
  let last = cumulative.length - 1;
  while (last > 0 && cumulative[last] === cumulative[last - 1]) last--;
  return last;
}

const oneDecimal = (value: number) => Math.round(value * 10) / 10;

/** Knuth's Poisson draw: an hour expects a handful of tasks at most. */
function poisson(mean: number, random: RandomGenerator): number {
  if (mean <= 0) return 0;
  const limit = Math.exp(-mean);
  let count = -1;
  let product = 1;
  do {
    count++;
    product *= uniform(random);
  } while (product > limit);
  return count;
}
