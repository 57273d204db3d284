import { isDayOff, type WorkCalendar } from '@/lib/time/work-calendar';
import { percentile } from './percentiles';
import { shiftDay } from './portal-days';
import { seededGenerator, uniform } from './seeded-random';

/**
 * Delivery forecasts by Monte Carlo on throughput (docs/metrics.md, "Delivery forecasts"): each run
 * draws the days ahead from the flow's last weeks (how many tasks it completed on each day), so the
 * answers carry how uneven its pace has been. Estimates with their confidence, seeded.
 */
export type Confidence = { p50: number; p85: number; p95: number };

export type DeliveryForecast = {
  /** Counted days after today until the tasks waiting now are all done (0: today), in 50, 85 and 95 % of the runs; null when the learned days completed nothing. */
  backlogDays: Confidence | null;
  /** Tasks done from now to the end of the horizon: at least this many in 50, 85 and 95 % of the runs. */
  doneWithin: Confidence;
  /** What it rests on: the learned days drawn from, and the tasks they completed. */
  basis: { days: number; completed: number };
};

export type DeliveryQuestion = {
  /** Tasks completed on each learned day (`learnedPace`). */
  daily: readonly number[];
  /** The share of a day's completions that still lie ahead today (`learnedPace`). */
  restOfToday: number;
  /** Tasks waiting now. */
  backlog: number;
  /** Counted days after today that "how many" looks ahead. */
  horizonDays: number;
};

/** Weeks of completions the pace is learned from: the backtest's choice (docs/metrics.md, "Delivery forecasts"). */
export const deliveryLearningWeeks = 4;
export const deliveryRuns = 1_000;
const deliverySeed = 85;
/** A run gives up on the backlog after this many days (ten years of working days). */
const maxDays = 2_500;

/** The runs, each sorted ascending: counted days until the backlog is done (null without a pace), tasks done within the horizon. */
export function simulateDelivery({ daily, restOfToday, backlog, horizonDays }: DeliveryQuestion): {
  backlogDays: number[] | null;
  doneWithin: number[];
} {
  // Without a pace every run completes nothing and never clears the backlog.
  if (!daily.some((day) => day > 0)) return { backlogDays: null, doneWithin: [0] };
  const random = seededGenerator(deliverySeed);
  const draw = () => daily[Math.floor(uniform(random) * daily.length)]!;
  // The rest of today brings each completion of a drawn day with the share of a day still ahead.
  const drawRestOfToday = () => {
    let done = 0;
    for (let task = draw(); task > 0; task--) if (uniform(random) < restOfToday) done++;
    return done;
  };
  const doneWithin: number[] = [];
  const backlogDays: number[] = [];
  for (let run = 0; run < deliveryRuns; run++) {
    const today = restOfToday > 0 ? drawRestOfToday() : 0;
    let done = today;
    for (let day = 0; day < horizonDays; day++) done += draw();
    doneWithin.push(done);
    let days = 0;
    for (let left = backlog - today; left > 0 && days < maxDays; days++) left -= draw();
    backlogDays.push(days);
  }
  doneWithin.sort((a, b) => a - b);
  backlogDays.sort((a, b) => a - b);
  return { backlogDays, doneWithin };
}

/** The answers at 50, 85 and 95 %, from `deliveryRuns` seeded runs. */
export function deliveryForecast(question: DeliveryQuestion): DeliveryForecast {
  const runs = simulateDelivery(question);
  // "Done by" is an upper share of runs, "at least" a lower one; both rounded the cautious way.
  const by = (days: number[], q: number) => Math.ceil(percentile(days, q)!);
  const atLeast = (q: number) => Math.floor(percentile(runs.doneWithin, 1 - q)!);
  const days = runs.backlogDays;
  return {
    backlogDays: days === null ? null : { p50: by(days, 0.5), p85: by(days, 0.85), p95: by(days, 0.95) },
    doneWithin: { p50: atLeast(0.5), p85: atLeast(0.85), p95: atLeast(0.95) },
    basis: { days: question.daily.length, completed: question.daily.reduce((sum, day) => sum + day, 0) },
  };
}

/** Whether a portal day ("YYYY-MM-DD") counts for a flow's forecast. */
export type CountsDay = (day: string) => boolean;

/** Every day, or the portal's working days where the flow matches work time (as its deadlines count). */
export const countedDaysOf =
  (flow: { matchWorkTime: boolean; calendar: WorkCalendar }): CountsDay =>
  (day) =>
    !flow.matchWorkTime || !isDayOff(flow.calendar, day);

/** A portal day's completions: all, and those made later in the day than the time of day now. */
export type CompletedDay = { completed: number; later: number };

/**
 * What a forecast asked on `today` learns: the completions of each counted day of the
 * `deliveryLearningWeeks` weeks before today, from the flow's first day on (days before it held no
 * tasks, not a slow pace). A day off's completions count with the next counted day (the last one
 * for days off at the end), so none are lost. `restOfToday` is the share of those days'
 * completions made later in the day than now: 0 when today does not count, whose completions go
 * with the next counted day as a day off's do.
 */
export function learnedPace(
  completedByDay: ReadonlyMap<string, CompletedDay>,
  { today, firstDay, counts }: { today: string; firstDay: string; counts: CountsDay },
  weeks = deliveryLearningWeeks,
): { daily: number[]; restOfToday: number; since: string | null } {
  const daily: number[] = [];
  let since: string | null = null;
  let carried = 0;
  let completed = 0;
  let later = 0;
  for (let back = 7 * weeks; back >= 1; back--) {
    const day = shiftDay(today, -back);
    if (day < firstDay) continue;
    since ??= day;
    const done = completedByDay.get(day) ?? { completed: 0, later: 0 };
    if (!counts(day)) {
      carried += done.completed;
      continue;
    }
    daily.push(done.completed + carried);
    carried = 0;
    completed += done.completed;
    later += done.later;
  }
  if (daily.length > 0) daily[daily.length - 1]! += carried;
  return { daily, restOfToday: counts(today) && completed > 0 ? later / completed : 0, since };
}

/** Ten years of days: a calendar always has working days, this only keeps a walk finite. */
const maxWalk = 3_660;

/** How many counted days lie after `today` up to and including `day` (0 when `day` is today or before). */
export function countedDaysUntil(counts: CountsDay, today: string, day: string): number {
  let counted = 0;
  for (let next = shiftDay(today, 1), step = 0; next <= day && step < maxWalk; next = shiftDay(next, 1), step++)
    if (counts(next)) counted++;
  return counted;
}

/** The portal day on which the `days`-th counted day after `today` ends (`today` for 0). */
export function countedDayAfter(counts: CountsDay, today: string, days: number): string {
  let day = today;
  for (let counted = 0, step = 0; counted < days && step < maxWalk; step++) {
    day = shiftDay(day, 1);
    if (counts(day)) counted++;
  }
  return day;
}
