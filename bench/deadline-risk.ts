// npm run bench:deadline-risk — backtests the deadline risk of open tasks (lib/metrics/deadline-risk.ts)
// on a generated company: at a moment every week of its history, each open task gets a risk from
// what was known then (the flow's tasks completed in the 90 days before), and the prediction is
// compared with what happened (did it close after the deadline it had then?). Scores: the Brier
// score against two baselines from the same run (the flow's share of late tasks, and "late once
// overdue"), and a reliability table. Results go to docs/benchmarks.md; `-- --seed N --tasks M`.
import { parseArgs } from 'node:util';
import { workCalendarOf } from '@/lib/bitrix24/api/calendar-settings';
import { offsetMinutes } from '@/lib/bitrix24/portal-dates';
import { companyFromLines } from '@/lib/demo-portal/company-file';
import { documentedCalendarSettings, type HistoryRow, type PortalTask } from '@/lib/demo-portal/company';
import { generateCompany } from '@/lib/demo-portal/generator/generate-company';
import { openTaskRisk, stageDurations } from '@/lib/metrics/deadline-risk';
import { dayMs } from '@/lib/time/durations';
import { workingDaysTime } from '@/lib/time/work-calendar';
import { log } from './log';
import { machineDescription } from './machine';
import { writeBenchmarkSection } from './results-file';

const { values: args } = parseArgs({ options: { seed: { type: 'string' }, tasks: { type: 'string' } } });
const seed = Number(args.seed ?? 1);
const taskCount = Number(args.tasks ?? 20_000);
if (!Number.isInteger(seed) || !Number.isInteger(taskCount) || taskCount < 50)
  throw new Error('--seed and --tasks must be whole numbers (tasks at least 50)');

/** The history a prediction learns from. */
const learnDays = 90;
/** Predictions at a moment every this many days… */
const everyDays = 7;
/** …from this many days before asOf to this many, so that most outcomes are known by asOf. */
const firstMomentDays = 126;
const lastMomentDays = 14;

type Timeline = {
  flowId: number;
  createdAt: number;
  startedAt: number | null;
  handedInAt: number | null;
  closedAt: number | null;
  /** [from moment, deadline] in time order: the deadline in force from each moment on. */
  deadlines: [number, number | null][];
};

const generated = generateCompany({ seed, tasks: taskCount });
const company = companyFromLines(generated.header, generated.lines());
const asOf = Date.parse(company.header.asOf);
const offset = offsetMinutes(company.header.timeZoneOffset);
const calendar = workCalendarOf(company.header.calendar ?? documentedCalendarSettings);
const matchesWorkTime = new Map(company.flows.map((flow) => [flow.id, flow.matchWorkTime]));
log(`company: seed ${seed}, ${company.tasks.length} tasks, ${company.flows.length} flows`);

const historyByTask = new Map<string, HistoryRow[]>();
for (const row of company.history) {
  const rows = historyByTask.get(row.taskId);
  if (rows) rows.push(row);
  else historyByTask.set(row.taskId, [row]);
}
const timelines = company.tasks.flatMap((task) => (task.flowId ? [timelineOf(task)] : []));

const byFlow = new Map<number, Timeline[]>();
for (const timeline of timelines) {
  const flowTimelines = byFlow.get(timeline.flowId);
  if (flowTimelines) flowTimelines.push(timeline);
  else byFlow.set(timeline.flowId, [timeline]);
}

function timelineOf(task: PortalTask): Timeline {
  const rows = (historyByTask.get(task.id) ?? []).sort((a, b) => Date.parse(a.createdDate) - Date.parse(b.createdDate));
  const firstTo = (status: string) => rows.find((row) => row.field === 'STATUS' && row.value.to === status);
  const moves = rows.filter((row) => row.field === 'DEADLINE');
  const parse = (value: string | null) => (value ? Date.parse(value) : null);
  const createdAt = Date.parse(task.createdDate);
  const initial = moves.length > 0 ? parse(moves[0]!.value.from) : parse(task.deadline);
  return {
    flowId: Number(task.flowId),
    createdAt,
    startedAt: parse(firstTo('3')?.createdDate ?? null),
    handedInAt: parse(firstTo('4')?.createdDate ?? null),
    closedAt: task.status === '5' ? parse(task.closedDate) : null,
    deadlines: [
      [createdAt, initial],
      ...moves.map((row): [number, number | null] => [Date.parse(row.createdDate), parse(row.value.to)]),
    ],
  };
}

const deadlineAt = (timeline: Timeline, moment: number) =>
  timeline.deadlines.filter(([from]) => from <= moment).at(-1)?.[1] ?? null;
/** Time as the flow's plan counts it: working days only where it matches work time. */
const span = (flowId: number, from: number, to: number) =>
  matchesWorkTime.get(flowId) ? workingDaysTime(calendar, offset, from, to) : Math.max(0, to - from);

type Prediction = { risk: number; baseRate: number; overdueNow: number; late: number };
const predictions: Prediction[] = [];
for (let daysBefore = firstMomentDays; daysBefore >= lastMomentDays; daysBefore -= everyDays) {
  const moment = asOf - daysBefore * dayMs;
  for (const [flowId, flowTimelines] of byFlow) {
    const learned = flowTimelines.filter(
      (one) => one.closedAt !== null && one.closedAt < moment && one.closedAt >= moment - learnDays * dayMs,
    );
    const stages = stageDurations(
      learned.map((one) => ({ ...one, closedAt: one.closedAt! })),
      (from, to) => span(flowId, from, to),
    );
    const lateLearned = learned.filter((one) => {
      const deadline = deadlineAt(one, one.closedAt!);
      return deadline !== null && one.closedAt! > deadline;
    }).length;
    const baseRate = learned.length === 0 ? 0.5 : lateLearned / learned.length;
    for (const one of flowTimelines) {
      if (one.createdAt > moment || (one.closedAt !== null && one.closedAt <= moment)) continue;
      const deadline = deadlineAt(one, moment);
      if (deadline === null) continue;
      // The outcome: closed after that deadline, or still open at asOf and past it; otherwise unknown.
      const late = one.closedAt !== null ? one.closedAt > deadline : asOf > deadline ? true : null;
      if (late === null) continue;
      const inReviewSince =
        one.handedInAt !== null && one.handedInAt <= moment && (one.startedAt ?? 0) <= moment ? one.handedInAt : null;
      const risk = openTaskRisk(
        stages,
        {
          createdAt: one.createdAt,
          startedAt: one.startedAt !== null && one.startedAt <= moment ? one.startedAt : null,
          inReviewSince,
          deadline,
        },
        moment,
        (from, to) => span(flowId, from, to),
      ).probability;
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

At a moment every ${everyDays} days from ${firstMomentDays} to ${lastMomentDays} days before the company's \`asOf\`, every
open task with a deadline gets a risk from the flow's tasks completed in the ${learnDays} days before that moment
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
