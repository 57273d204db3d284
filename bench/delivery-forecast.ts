// npm run bench:delivery-forecast — backtests the delivery forecasts (lib/metrics/delivery-forecast.ts)
// on a generated company: at a moment every week, each flow's answers to "when will the tasks open
// now be done?" and "how many will be done within 14 days?" are drawn from its daily completions of
// the days before, and compared with what happened. A well-made 85 % answer holds about 85 % of
// the time. Days are working days where the flow matches work time. Results go to docs/benchmarks.md; `-- --seed N --tasks M`.
import { deliveryForecast, deliveryRuns } from '@/lib/metrics/delivery-forecast';
import { dayMs } from '@/lib/time/durations';
import { openAt, replayCompanyFromArgs, replayMoments } from './company-replay';
import { log } from './log';
import { machineDescription } from './machine';
import { writeBenchmarkSection } from './results-file';

/** At a moment every 7 days from 126 to 28 days before asOf, so that most answers can be checked by asOf. */
const schedule = { everyDays: 7, firstDaysBefore: 126, lastDaysBefore: 28 };
/** The recent days the pace is drawn from, and the horizon of "how many". */
const learnDays = 30;
const horizonDays = 14;
const levels = [0.5, 0.85, 0.95] as const;
const key = { 0.5: 'p50', 0.85: 'p85', 0.95: 'p95' } as const;

const replay = replayCompanyFromArgs();
const { seed, taskCount, asOf } = replay;
type Tally = { held: number; asked: number };
const tally = () => new Map<number, Tally>(levels.map((level) => [level, { held: 0, asked: 0 }]));
const within = tally();
const byDay = tally();
let answers = 0;
const started = performance.now();
for (const [flowId, { timelines }] of replay.byFlow) {
  const closes = timelines.flatMap((one) => (one.closedAt === null ? [] : [one.closedAt])).sort((a, b) => a - b);
  /** The end of the n-th day that counts for the flow after `moment` (days of 24 hours from it). */
  const after = (moment: number, days: number) => {
    let end = moment;
    for (let counted = 0; counted < days; end += dayMs) if (replay.countsDay(flowId, end + dayMs / 2)) counted++;
    return end;
  };
  for (const moment of replayMoments(replay, schedule)) {
    // Completions on each of the last days that count, oldest first.
    const daily: number[] = [];
    for (let end = moment; daily.length < learnDays; end -= dayMs)
      if (replay.countsDay(flowId, end - dayMs / 2))
        daily.unshift(closes.filter((at) => at > end - dayMs && at <= end).length);
    const open = timelines.filter((one) => openAt(one, moment)).length;
    const forecast = deliveryForecast(daily, open, horizonDays);
    const later = closes.filter((at) => at > moment);
    answers++;
    // "At least this many within the horizon".
    const done = later.filter((at) => at <= after(moment, horizonDays)).length;
    for (const level of levels) {
      const entry = within.get(level)!;
      entry.asked++;
      if (done >= forecast.doneWithin[key[level]]) entry.held++;
    }
    // "The open tasks' number done by this day": held when reached by then, failed when the day
    // passed before asOf without it, unknown (left out) when the day lies after asOf.
    if (forecast.backlogDays === null || open === 0) continue;
    const reached = later[open - 1];
    for (const level of levels) {
      const by = after(moment, forecast.backlogDays[key[level]]);
      const entry = byDay.get(level)!;
      if (reached !== undefined && reached <= by) {
        entry.asked++;
        entry.held++;
      } else if (by <= asOf) entry.asked++;
    }
  }
}
const elapsed = (performance.now() - started) / 1000;
const share = (entry: Tally) => `${((100 * entry.held) / Math.max(1, entry.asked)).toFixed(1)} % of ${entry.asked}`;
for (const level of levels)
  log(`${level * 100} %: within ${share(within.get(level)!)}, open tasks done by ${share(byDay.get(level)!)}`);

/** How far each answer's record is from its confidence: positive when it held more often than it says. */
const drift = levels.map((level) =>
  [within, byDay].map((tallied) => tallied.get(level)!.held / Math.max(1, tallied.get(level)!.asked) - level),
);
const verdict = drift.flat().every((gap) => gap > 0.05)
  ? 'Every answer held more often than its confidence says: on this company they are too cautious. Its flows complete more each week than the weeks before, and the draws assume the recent pace stays as it was.'
  : drift.flat().every((gap) => Math.abs(gap) <= 0.05)
    ? 'Every answer held within 5 points of its confidence.'
    : 'Some answers held more than 5 points away from their confidence (the table says which).';

await writeBenchmarkSection(
  'delivery-forecast',
  `## Delivery forecasts: backtest on the demo company

\`npm run bench:delivery-forecast\` (seed ${seed}, ${taskCount.toLocaleString('en-US')} tasks) · ${new Date().toISOString().slice(0, 10)} · ${machineDescription()}

At a moment every ${schedule.everyDays} days from ${schedule.firstDaysBefore} to ${schedule.lastDaysBefore} days before the company's \`asOf\`, each of its ${replay.byFlow.size} flows with tasks gets
the two delivery answers (\`lib/metrics/delivery-forecast.ts\`, ${deliveryRuns.toLocaleString('en-US')} runs) from its completions on each of the ${learnDays} days before
(working days where the flow matches work time, as the horizon). "How many within ${horizonDays} days" holds when at least
that many were completed. "When will the tasks open now be done" holds when as many tasks as were open had been completed by
that day; it failed when the day passed before \`asOf\` without it, and is left out when the day lies after \`asOf\`.
A well-made answer at a confidence holds about that share of the time. ${answers} moments in ${elapsed.toFixed(1)} s.
${verdict}

| Confidence | "How many within ${horizonDays} days" held | "Open tasks done by" held |
| --- | --- | --- |
${levels.map((level) => `| ${level * 100} % | ${share(within.get(level)!)} | ${share(byDay.get(level)!)} |`).join('\n')}
`,
);
