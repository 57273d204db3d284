import type { RandomGenerator } from 'pure-rand';
import { taskStatus } from '@/lib/bitrix24/task-status';
import { dayMs } from '@/lib/time/durations';
import {
  countsForEfficiency,
  efficiencyOf,
  efficiencyWindow,
  violatesInWindow,
  violationSpans,
  type EfficiencyTask,
} from './flow-efficiency';
import { forecastHorizons } from './forecast-horizons';
import { bandOf } from './percentiles';
import { seededGenerator, uniform } from './seeded-random';

/**
 * The efficiency a flow will show in 7 and 14 days, by the portal's rule with its 30-day window
 * moved on (docs/metrics.md, "Efficiency forecast"). An estimate: many simulated runs of the
 * coming days from what is known now, summarised as the median and an 80 % band.
 *
 * What is certain is counted once: the tasks that leave the window as its start moves on, and the
 * violations already known. What is not is drawn in each run: whether each open task runs late
 * (by its deadline risk; a late one becomes a violation when its deadline passes), and the new
 * tasks (arriving at the last 14 days' pace, each as late as the flow's recent tasks were at the
 * same age). The recent tasks are resampled in each run, so the band also carries how little a
 * few weeks say about the pace and lateness to come. Calibrated by bench/efficiency-forecast.ts.
 */
export type ForecastTask = EfficiencyTask & { id: number };

export type EfficiencyForecastInput = {
  /** The flow's tasks known now: at least those created in the 30 days before and those open or closed since the window's start. */
  tasks: readonly ForecastTask[];
  /** The chance each open task closes after its deadline (deadline-risk.ts), by task id. */
  risks: ReadonlyMap<number, number>;
  now: number;
  timeZoneOffset: string;
};

/** The forecast for one horizon: efficiency in whole points, the median of the runs and their 10th–90th percentiles. */
export type ForecastPoint = { days: number; at: number; median: number; low: number; high: number };

export type EfficiencyForecast = {
  /** Efficiency now by the same rule, from the same tasks. */
  current: number;
  points: ForecastPoint[];
  basis: {
    /** Tasks the window counts now. */
    tasks: number;
    /** Open tasks whose deadline falls within the horizon, drawn by their risk. */
    openDue: number;
    /** Tasks created in the last 30 days, which set the lateness of new ones (those of the last 14 days their pace). */
    recent: number;
  };
  /** The pace new tasks arrive at: tasks a day over the last `days` days. */
  pace: { perDay: number; days: number };
};

/** Runs per forecast: enough for steady percentiles, few enough for a list of many flows. */
export const forecastRuns = 500;
/** A fixed seed, so the same tasks at the same moment always give the same forecast. */
const forecastSeed = 19;
/** New tasks arrive at the pace of this many recent days (short enough to follow a change of pace). */
const arrivalDays = 14;
/** How far back recent tasks show how late new ones run. */
const patternDays = 30;
/**
 * A new task runs late as the recent tasks at least as old as it will be, and at most this much
 * older, did: the youngest whose fate is known, so a flow that turns worse is followed sooner.
 */
const patternSpread = 7 * dayMs;

/** Only tasks whose creator is not the assignee count in the rule, as totals or as violations. */
const ruledOut = (task: EfficiencyTask) => task.createdBy === task.responsibleId;

/** A recent task as a pattern for a new one: how old it is now, and how long after creation its first violation began. */
type Pattern = { age: number; lateAfter: number; counts: boolean };

/** An open task not yet late that may become a violation when its deadline passes. */
type OpenDue = { deadline: number; risk: number; alreadyViolating: boolean[] };

/** The recent tasks, youngest first. */
function recentPatterns(tasks: readonly ForecastTask[], now: number): Pattern[] {
  return tasks
    .filter((task) => task.createdDate > now - patternDays * dayMs)
    .map((task) => {
      const first = violationSpans(task).find((span) => span.start <= now);
      return {
        age: now - task.createdDate,
        lateAfter: first ? first.start - task.createdDate : Number.POSITIVE_INFINITY,
        counts: task.status !== String(taskStatus.deferred),
      };
    })
    .sort((a, b) => a.age - b.age);
}

/** The first of the patterns (youngest first) at least `age` old; their count when none is. */
function firstAged(patterns: readonly Pattern[], age: number): number {
  let low = 0;
  let high = patterns.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (patterns[middle]!.age < age) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * The pattern of a task that will be `age` old at the horizon: drawn among the youngest recent
 * tasks at least that old (their fate over that time is known); with none that old, the oldest.
 */
function patternFor(patterns: readonly Pattern[], age: number, random: RandomGenerator): Pattern {
  const from = Math.min(firstAged(patterns, age), patterns.length - 1);
  const to = Math.max(from + 1, firstAged(patterns, age + patternSpread));
  return patterns[from + Math.floor(uniform(random) * (to - from))]!;
}

export function efficiencyForecast(input: EfficiencyForecastInput): EfficiencyForecast {
  const { now, timeZoneOffset } = input;
  const tasks = input.tasks.filter((task) => !ruledOut(task) && task.createdDate <= now);
  const horizons = forecastHorizons.map((days) => {
    const at = now + days * dayMs;
    return { days, at, window: efficiencyWindow(at, timeZoneOffset) };
  });
  const last = horizons.at(-1)!.at;

  // Certain: what each horizon's window counts of today's tasks, and the violations known now.
  const baseTotals = horizons.map(({ window }) => tasks.filter((task) => countsForEfficiency(task, window)).length);
  const baseViolations = horizons.map(
    ({ window }) => tasks.filter((task) => violatesInWindow(task, window, now)).length,
  );
  const nowWindow = efficiencyWindow(now, timeZoneOffset);
  const countedNow = tasks.filter((task) => countsForEfficiency(task, nowWindow)).length;
  const current = efficiencyOf(countedNow, tasks.filter((task) => violatesInWindow(task, nowWindow, now)).length);

  // Open tasks (not in review, which repairs a violation) whose deadline passes within the horizon.
  const openDue: OpenDue[] = tasks
    .filter(
      (task) =>
        task.closedDate === null &&
        [taskStatus.new, taskStatus.pending, taskStatus.inProgress].map(String).includes(task.status) &&
        task.deadline !== null &&
        task.deadline > now &&
        task.deadline <= last,
    )
    .map((task) => ({
      deadline: task.deadline!,
      // Without a risk (the task changed between reads) it is as likely late as not.
      risk: input.risks.get(task.id) ?? 0.5,
      alreadyViolating: horizons.map(({ window }) => violatesInWindow(task, window, now)),
    }));

  const patterns = recentPatterns(tasks, now);

  const random = seededGenerator(forecastSeed);
  const runs = horizons.map(() => new Array<number>(forecastRuns));
  const totals = new Array<number>(horizons.length);
  const violations = new Array<number>(horizons.length);
  const drawn = new Uint32Array(patterns.length);
  const sample = new Array<Pattern>(patterns.length);
  for (let run = 0; run < forecastRuns; run++) {
    for (let h = 0; h < horizons.length; h++) {
      totals[h] = baseTotals[h]!;
      violations[h] = baseViolations[h]!;
    }
    // An open task late in this run is a violation from its deadline on, in every window it reaches.
    for (const task of openDue) {
      if (uniform(random) >= task.risk) continue;
      for (let h = 0; h < horizons.length; h++)
        if (task.deadline <= horizons[h]!.at && !task.alreadyViolating[h]) violations[h]!++;
    }
    // The recent tasks are a sample too: each run resamples them (the pace with them), drawing how
    // often each one comes up and laying them out youngest first.
    drawn.fill(0);
    for (let draw = 0; draw < patterns.length; draw++) drawn[Math.floor(uniform(random) * patterns.length)]!++;
    let filled = 0;
    patterns.forEach((pattern, index) => {
      for (let copy = 0; copy < drawn[index]!; copy++) sample[filled++] = pattern;
    });
    const pace = firstAged(sample, arrivalDays * dayMs) / (arrivalDays * dayMs);
    // New tasks: a Poisson stream at the recent pace, each late as a recent task of at least the
    // same age was (drawn among those old enough to show it for the longest horizon it reaches).
    for (let created = now; pace > 0;) {
      created += -Math.log(1 - uniform(random)) / pace;
      if (created > last) break;
      const pattern = patternFor(sample, last - created, random);
      for (let h = 0; h < horizons.length; h++) {
        const at = horizons[h]!.at;
        if (created > at) continue;
        if (pattern.counts) totals[h]!++;
        if (created + pattern.lateAfter <= at) violations[h]!++;
      }
    }
    for (let h = 0; h < horizons.length; h++) runs[h]![run] = efficiencyOf(totals[h]!, violations[h]!);
  }

  return {
    current,
    points: horizons.map(({ days, at }, h) => ({ days, at, ...bandOf(runs[h]!, Math.round) })),
    basis: { tasks: countedNow, openDue: openDue.length, recent: patterns.length },
    pace: { perDay: firstAged(patterns, arrivalDays * dayMs) / arrivalDays, days: arrivalDays },
  };
}
