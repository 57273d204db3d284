// npm run bench:delivery-forecast — backtests the delivery forecasts (lib/metrics/delivery-forecast.ts)
// on a generated company: at moments through its history, each flow's answers to "when will the
// tasks open now be done?" and "how many will be done within 14 days?" are drawn from its
// completions of the weeks before, as the mirror reader learns them (lib/metrics/flow-delivery-forecast.ts),
// and compared with what happened. A well-made 85 % answer holds about 85 % of the time. The same
// is done for other lengths of the learned weeks, to show why the forecasts learn the number they
// do. Results go to docs/benchmarks.md; `-- --seed N --tasks M`.
import { openTaskStatuses } from '@/lib/bitrix24/task-status';
import { offsetMinutes } from '@/lib/bitrix24/portal-dates';
import {
  countedDayAfter,
  deliveryForecast,
  deliveryLearningWeeks,
  deliveryRuns,
  learnedPace,
  simulateDelivery,
  type CompletedDay,
  type Confidence,
  type DeliveryQuestion,
} from '@/lib/metrics/delivery-forecast';
import { percentile } from '@/lib/metrics/percentiles';
import { endOfPortalDay, portalDay, startOfPortalDay } from '@/lib/metrics/portal-days';
import { statusAt } from '@/lib/metrics/status-series';
import { dayMs, hourMs } from '@/lib/time/durations';
import { mirroredMetricTask, replayCompanyFromArgs, replayMoments } from './company-replay';
import { log } from './log';
import { machineDescription } from './machine';
import { writeBenchmarkSection } from './results-file';

/** Every 5 days from 126 to 28 days before asOf (so most answers can be checked by asOf), each at another hour: every weekday and time of day gets asked. */
const schedule = { everyDays: 5, firstDaysBefore: 126, lastDaysBefore: 28 };
const horizonDays = 14;
/** Lengths of the learned period compared; the forecasts' own is among them. */
const windows = [1, 2, 3, 4, 6, 8];
const levels = [0.5, 0.85, 0.95] as const;
const key = { 0.5: 'p50', 0.85: 'p85', 0.95: 'p95' } as const satisfies Record<number, keyof Confidence>;

const replay = replayCompanyFromArgs();
const { seed, taskCount, asOf, timeZoneOffset: offset } = replay;
const moments = replayMoments(replay, schedule).map((moment, index) => moment - ((index * 7) % 24) * hourMs);
const clockOf = (time: number) => (time + offsetMinutes(offset) * 60_000) % dayMs;

/** How often answers at a confidence held, and the share of their own runs that said they would. */
type Tally = { held: number; asked: number; odds: number };
type Tallies = {
  within: Tally[];
  byDay: Tally[];
  leftOut: number;
  /** Per answer: how far the 50 % "how many" was from what was done, as a share of it. */
  errors: number[];
  /** Per answer: the 85 and 95 % "how many" as shares of the 50 % one. */
  narrow85: number[];
  narrow95: number[];
  /** Per backlog answer: its 50 % day, and the days from it to the 95 % one. */
  backlogDays: number[];
  spread: number[];
  /** Per answer: tasks done within the horizon over what the learned pace foretold. */
  paceRatios: number[];
};
const tallies = (): Tallies => ({
  within: levels.map(() => ({ held: 0, asked: 0, odds: 0 })),
  byDay: levels.map(() => ({ held: 0, asked: 0, odds: 0 })),
  leftOut: 0,
  errors: [],
  narrow85: [],
  narrow95: [],
  backlogDays: [],
  spread: [],
  paceRatios: [],
});
const records = new Map(windows.map((weeks) => [weeks, tallies()]));
/** The share of runs for which `held` is true. */
const share = (held: (run: number) => boolean, runs: readonly number[]) => runs.filter(held).length / runs.length;

const started = performance.now();
for (const [flowId, { timelines, portalTasks }] of replay.byFlow) {
  const tasks = portalTasks.map((task) => mirroredMetricTask(replay, task));
  const closes = timelines.flatMap((one) => (one.closedAt === null ? [] : [one.closedAt])).sort((a, b) => a - b);
  const counts = (day: string) => replay.countsDay(flowId, startOfPortalDay(day, offset));
  const firstDay = portalDay(Math.min(...timelines.map((one) => one.createdAt)), offset);
  for (const moment of moments) {
    const today = portalDay(moment, offset);
    // Each past day's completions, and those later in the day than the moment, as the reader's SQL counts them.
    const completed = new Map<string, CompletedDay>();
    for (const at of closes) {
      if (at >= startOfPortalDay(today, offset)) break;
      const day = portalDay(at, offset);
      const done = completed.get(day) ?? { completed: 0, later: 0 };
      completed.set(day, {
        completed: done.completed + 1,
        later: done.later + (clockOf(at) > clockOf(moment) ? 1 : 0),
      });
    }
    const backlog = tasks.filter((task) => openTaskStatuses.includes(statusAt(task, moment) ?? 0)).length;
    const later = closes.filter((at) => at > moment);
    const endAfter = (days: number) => endOfPortalDay(countedDayAfter(counts, today, days), offset);
    const done = later.filter((at) => at <= endAfter(horizonDays)).length;
    for (const weeks of windows) {
      const tallied = records.get(weeks)!;
      const pace = learnedPace(completed, { today, firstDay, counts }, weeks);
      const question: DeliveryQuestion = { daily: pace.daily, restOfToday: pace.restOfToday, backlog, horizonDays };
      const forecast = deliveryForecast(question);
      // Without a pace the answer is "at least 0", which always holds: it says nothing.
      if (forecast.basis.completed === 0) {
        tallied.leftOut++;
        continue;
      }
      const runs = simulateDelivery(question);
      levels.forEach((level, index) => {
        const answer = forecast.doneWithin[key[level]];
        const tally = tallied.within[index]!;
        tally.asked++;
        if (done >= answer) tally.held++;
        tally.odds += share((run) => run >= answer, runs.doneWithin);
      });
      const { p50, p85, p95 } = forecast.doneWithin;
      tallied.errors.push(Math.abs(done - p50) / Math.max(1, done));
      if (p50 > 0) {
        tallied.narrow85.push(p85 / p50);
        tallied.narrow95.push(p95 / p50);
      }
      const mean = forecast.basis.completed / forecast.basis.days;
      tallied.paceRatios.push(done / (mean * (horizonDays + pace.restOfToday)));
      // "The open tasks' number done by this day": held when reached by then, failed when the day
      // passed before asOf without it, unknown (left out) when the day lies after asOf.
      if (forecast.backlogDays === null || backlog === 0) continue;
      tallied.backlogDays.push(forecast.backlogDays.p50);
      tallied.spread.push(forecast.backlogDays.p95 - forecast.backlogDays.p50);
      const reached = later[backlog - 1];
      levels.forEach((level, index) => {
        const answer = forecast.backlogDays![key[level]];
        const by = endAfter(answer);
        const tally = tallied.byDay[index]!;
        const odds = share((run) => run <= answer, runs.backlogDays!);
        if (reached !== undefined && reached <= by) {
          tally.held++;
          tally.asked++;
          tally.odds += odds;
        } else if (by <= asOf) {
          tally.asked++;
          tally.odds += odds;
        }
      });
    }
  }
}
const elapsed = (performance.now() - started) / 1000;
const momentCount = replay.byFlow.size * moments.length;

const rate = (tally: Tally) => (100 * tally.held) / Math.max(1, tally.asked);
const odds = (tally: Tally) => (100 * tally.odds) / Math.max(1, tally.asked);
const pct = (value: number) => `${value.toFixed(1)} %`;
function median(values: readonly number[]): number {
  return (
    percentile(
      [...values].sort((a, b) => a - b),
      0.5,
    ) ?? 0
  );
}
const days = (count: number) => `${count} counted day${count === 1 ? '' : 's'}`;
const signed = (points: number) => `${points > 0 ? '+' : ''}${points.toFixed(1)}`;
for (const [weeks, tallied] of records)
  log(
    `${weeks} weeks: how many ${tallied.within.map((tally) => pct(rate(tally))).join(' / ')}, done by ${tallied.byDay.map((tally) => `${pct(rate(tally))} (runs ${pct(odds(tally))})`).join(' / ')}, median error ${pct(100 * median(tallied.errors))}`,
  );

const used = records.get(deliveryLearningWeeks)!;
const answers = used.within[0]!.asked;
/** Each answer's gap from its confidence ("how many"), and from what its runs said ("done by"). */
const gaps = levels.map((level, index) => ({
  level,
  within: rate(used.within[index]!) - 100 * level,
  byDay: rate(used.byDay[index]!) - odds(used.byDay[index]!),
}));
const listed = (pick: (gap: (typeof gaps)[number]) => number, test: (points: number) => boolean) =>
  gaps
    .filter((gap) => test(pick(gap)))
    .map((gap) => `${gap.level * 100} % (${signed(pick(gap))} points)`)
    .join(', ');
const judged = (name: string, against: string, pick: (gap: (typeof gaps)[number]) => number) => {
  const close = listed(pick, (points) => Math.abs(points) <= 5);
  const over = listed(pick, (points) => points > 5);
  const under = listed(pick, (points) => points < -5);
  return [
    close && `${name} held within 5 points of ${against} at ${close}`,
    over && `more often than ${against} at ${over}`,
    under && `less often than ${against} at ${under}`,
  ]
    .filter(Boolean)
    .join('; ');
};
const paceRatio = median(used.paceRatios);
const drift =
  paceRatio > 1.005
    ? `Over these answers the flows completed a median ${((paceRatio - 1) * 100).toFixed(1)} % more in the 14 days than their learned pace foretold: the demo company's intake grows by 30 % over its half year (\`lib/demo-portal/generator/arrivals.ts\`), and a pace learned from the weeks before trails the weeks after. The forecasts assume the learned pace goes on and extrapolate no trend, so on a company that keeps growing the 50 % answers hold more often than half the time, and the 85 % ones somewhat more than 85 %.`
    : paceRatio < 0.995
      ? `Over these answers the flows completed a median ${((1 - paceRatio) * 100).toFixed(1)} % less in the 14 days than their learned pace foretold.`
      : 'Over these answers the flows completed what their learned pace foretold (median within half a per cent).';

await writeBenchmarkSection(
  'delivery-forecast',
  `## Delivery forecasts: backtest on the demo company

\`npm run bench:delivery-forecast\` (seed ${seed}, ${taskCount.toLocaleString('en-US')} tasks) · ${new Date().toISOString().slice(0, 10)} · ${machineDescription()}

At a moment every ${schedule.everyDays} days from ${schedule.firstDaysBefore} to ${schedule.lastDaysBefore} days before the company's \`asOf\` (at another hour of the day each time), each of its ${replay.byFlow.size} flows with tasks
gets the two delivery answers (\`lib/metrics/delivery-forecast.ts\`, ${deliveryRuns.toLocaleString('en-US')} runs) as \`lib/metrics/flow-delivery-forecast.ts\` asks them of the mirror:
from the flow's completions on each counted day of the ${deliveryLearningWeeks} weeks before that day (working days where the flow matches work
time, a day off's completions going with the next working day; from its first task on), the share of a day's completions still
ahead, and its open tasks then (new, pending, in progress, awaiting review).
"How many within ${horizonDays} days" holds when at least that many tasks were completed from the moment to the end of the ${horizonDays}th counted day after it.
"When will the open tasks be done" holds when as many tasks as were open had been completed (any of the flow's tasks, those created later too)
by the end of the day it names; it failed when that day passed before \`asOf\` without it, and is left out when the day lies after \`asOf\`.
A well-made answer at a confidence holds about that share of the time. ${momentCount} questions (flows × moments), ${answers} answered; ${used.leftOut} left out because the learned days completed nothing (their "at least 0" always holds). ${elapsed.toFixed(1)} s for all ${windows.length} lengths below.

| Confidence | "How many within ${horizonDays} days" held | its runs said | "Open tasks done by" held | its runs said |
| --- | --- | --- | --- | --- |
${levels.map((level, index) => `| ${level * 100} % | ${pct(rate(used.within[index]!))} of ${used.within[index]!.asked} | ${pct(odds(used.within[index]!))} | ${pct(rate(used.byDay[index]!))} of ${used.byDay[index]!.asked} | ${pct(odds(used.byDay[index]!))} |`).join('\n')}

"Its runs said" is the share of the forecast's own runs that met its answer, averaged over the answers: answers are whole
tasks and whole days, so each lands at or beyond its confidence. Whole days step far beyond it when the open tasks are a
day or two of work (here the 50 % day was a median ${days(median(used.backlogDays))} ahead): there the day that is
50 % sure is often 85 % sure. A "done by" answer is therefore judged against what its runs said.

${judged('"How many"', 'its confidence', (gap) => gap.within)}. ${judged('"Done by"', 'what its runs said', (gap) => gap.byDay)}.
${drift}

How useful the answers are: the 50 % "how many" was off by a median ${pct(100 * median(used.errors))} of what was done; the 85 % answer was
a median ${pct(100 * (1 - median(used.narrow85)))} below the 50 % one and the 95 % answer ${pct(100 * (1 - median(used.narrow95)))} below it. The 95 % day of the open tasks was a median
${days(median(used.spread))} after the 50 % one.

Other lengths of the learned period, same moments (the forecasts learn ${deliveryLearningWeeks} weeks):

| Weeks learned | "How many" held at 50 / 85 / 95 % | "Done by" held at 50 / 85 / 95 % (its runs said) | 50 % "how many" off by (median) |
| --- | --- | --- | --- |
${[...records].map(([weeks, tallied]) => `| ${weeks === deliveryLearningWeeks ? `**${weeks}**` : weeks} | ${tallied.within.map((tally) => rate(tally).toFixed(1)).join(' / ')} | ${tallied.byDay.map((tally) => `${rate(tally).toFixed(1)} (${odds(tally).toFixed(1)})`).join(' / ')} | ${pct(100 * median(tallied.errors))} |`).join('\n')}
`,
);
