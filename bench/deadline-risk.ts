// npm run bench:deadline-risk — backtests the deadline risk of open tasks (lib/metrics/deadline-risk.ts)
// on a generated company: at a moment every week of its history, each open task gets a risk from
// what was known then (the flow's tasks completed in the 90 days before), and the prediction is
// compared with what happened (did it close after the deadline it had then?). Scores: the Brier
// score against two baselines from the same run (the flow's share of late tasks, and "late once
// overdue"), and a reliability table. Results go to docs/benchmarks.md; `-- --seed N --tasks M`.
import { riskLearningDays } from '@/lib/metrics/open-task-risks';
import {
  deadlineAt,
  learnedAt,
  openAt,
  replayCompanyFromArgs,
  replayMoments,
  riskAt,
  stagesAt,
} from './company-replay';
import { log } from './log';
import { machineDescription } from './machine';
import { writeBenchmarkSection } from './results-file';

/** Predictions at a moment every 7 days from 126 to 14 days before asOf, so that most outcomes are known by asOf. */
const schedule = { everyDays: 7, firstDaysBefore: 126, lastDaysBefore: 14 };

const replay = replayCompanyFromArgs();
const { seed, taskCount, asOf } = replay;

type Prediction = { risk: number; baseRate: number; overdueNow: number; late: number };
const predictions: Prediction[] = [];
for (const moment of replayMoments(replay, schedule)) {
  for (const [flowId, { timelines }] of replay.byFlow) {
    const learned = learnedAt(timelines, moment);
    const stages = stagesAt(replay, flowId, learned);
    const lateLearned = learned.filter((one) => {
      const deadline = deadlineAt(one, one.closedAt!);
      return deadline !== null && one.closedAt! > deadline;
    }).length;
    const baseRate = learned.length === 0 ? 0.5 : lateLearned / learned.length;
    for (const one of timelines) {
      if (!openAt(one, moment)) continue;
      const deadline = deadlineAt(one, moment);
      if (deadline === null) continue;
      // The outcome: closed after that deadline, or still open at asOf and past it; otherwise unknown.
      const late = one.closedAt !== null ? one.closedAt > deadline : asOf > deadline ? true : null;
      if (late === null) continue;
      const risk = riskAt(replay, stages, one, deadline, moment);
      predictions.push({ risk, baseRate, overdueNow: moment > deadline ? 1 : 0, late: late ? 1 : 0 });
    }
  }
}

const brier = (pick: (prediction: Prediction) => number, among: readonly Prediction[] = predictions) =>
  among.reduce((sum, prediction) => sum + (pick(prediction) - prediction.late) ** 2, 0) / among.length;
const scoresOf = (among: readonly Prediction[]) => ({
  risk: brier((prediction) => prediction.risk, among),
  baseRate: brier((prediction) => prediction.baseRate, among),
  overdueNow: brier((prediction) => prediction.overdueNow, among),
});
const scores = scoresOf(predictions);
// Overdue tasks are late whatever anyone predicts: the tasks still inside their deadline are the test.
const ahead = predictions.filter((prediction) => prediction.overdueNow === 0);
const aheadScores = scoresOf(ahead);
const lateShare = predictions.filter((prediction) => prediction.late === 1).length / predictions.length;
const bins = Array.from({ length: 10 }, (_, bin) => {
  const inBin = predictions.filter((prediction) => Math.min(9, Math.floor(prediction.risk * 10)) === bin);
  const mean = (pick: (prediction: Prediction) => number) =>
    inBin.length === 0 ? null : inBin.reduce((sum, prediction) => sum + pick(prediction), 0) / inBin.length;
  return { bin, count: inBin.length, predicted: mean((p) => p.risk), observed: mean((p) => p.late) };
});
const percent = (value: number | null) => (value === null ? '—' : `${(100 * value).toFixed(1)} %`);
log(
  `${predictions.length} predictions; Brier: risk ${scores.risk.toFixed(4)}, base rate ${scores.baseRate.toFixed(4)}, overdue now ${scores.overdueNow.toFixed(4)}; not yet overdue: risk ${aheadScores.risk.toFixed(4)}, base rate ${aheadScores.baseRate.toFixed(4)}, overdue now ${aheadScores.overdueNow.toFixed(4)}`,
);

await writeBenchmarkSection(
  'deadline-risk',
  `## Deadline risk: backtest on the demo company

\`npm run bench:deadline-risk\` (seed ${seed}, ${taskCount.toLocaleString('en-US')} tasks) · ${new Date().toISOString().slice(0, 10)} · ${machineDescription()}

At a moment every ${schedule.everyDays} days from ${schedule.firstDaysBefore} to ${schedule.lastDaysBefore} days before the company's \`asOf\`, every
open task with a deadline gets a risk from the flow's tasks completed in the ${riskLearningDays} days before that moment
(\`lib/metrics/deadline-risk.ts\`; working days where the flow matches work time); the outcome is whether it closed
after the deadline it had then (or is still open past it). ${predictions.length.toLocaleString('en-US')} predictions, ${percent(lateShare)} of them late.

| Brier score (lower is better) | All open tasks | Ratio to the risk | Not yet overdue (${ahead.length.toLocaleString('en-US')}) | Ratio to the risk |
| --- | --- | --- | --- | --- |
| Deadline risk | ${scores.risk.toFixed(4)} | 1.00 | ${aheadScores.risk.toFixed(4)} | 1.00 |
| The flow's share of late tasks (base rate) | ${scores.baseRate.toFixed(4)} | ${(scores.baseRate / scores.risk).toFixed(2)}× | ${aheadScores.baseRate.toFixed(4)} | ${(aheadScores.baseRate / aheadScores.risk).toFixed(2)}× |
| "Late once overdue" (0 before the deadline, 1 after) | ${scores.overdueNow.toFixed(4)} | ${(scores.overdueNow / scores.risk).toFixed(2)}× | ${aheadScores.overdueNow.toFixed(4)} | ${(aheadScores.overdueNow / aheadScores.risk).toFixed(2)}× |

Reliability: predictions grouped by risk, against the share that really ran late.

| Predicted | Predictions | Mean predicted | Observed late |
| --- | --- | --- | --- |
${bins.map((bin) => `| ${bin.bin * 10}–${bin.bin * 10 + 10} % | ${bin.count} | ${percent(bin.predicted)} | ${percent(bin.observed)} |`).join('\n')}
`,
);
