// npm run bench:efficiency-forecast — backtests the efficiency forecast (lib/metrics/efficiency-forecast.ts)
// on a generated company: at a moment every week of its history, each flow's efficiency 7 and 14
// days ahead is forecast from what was known then (the tasks as they stood, the deadline risk of
// each open task), and compared with the efficiency the portal's rule gave on those dates. Scores:
// the mean absolute error against the naive forecast "efficiency stays as it is", and how often
// the actual value fell inside the 80 % band. Results go to docs/benchmarks.md; `-- --seed N --tasks M`.
import { efficiencyForecast, forecastRuns } from '@/lib/metrics/efficiency-forecast';
import { forecastHorizons } from '@/lib/metrics/forecast-horizons';
import { flowEfficiency } from '@/lib/metrics/flow-efficiency';
import { dayMs } from '@/lib/time/durations';
import {
  deadlineAt,
  efficiencyTasksAt,
  learnedAt,
  mirroredMetricTask,
  openAt,
  replayCompanyFromArgs,
  replayMoments,
  riskAt,
  stagesAt,
} from './company-replay';
import { log } from './log';
import { machineDescription } from './machine';
import { writeBenchmarkSection } from './results-file';

/** A forecast at a moment every 7 days from 126 to 14 days before asOf, so that the +14 day outcome is known. */
const schedule = { everyDays: 7, firstDaysBefore: 126, lastDaysBefore: 14 };

const replay = replayCompanyFromArgs();
const { seed, taskCount, timeZoneOffset } = replay;

type Outcome = { days: number; median: number; low: number; high: number; naive: number; actual: number };
const outcomes: Outcome[] = [];
const started = performance.now();
let forecasts = 0;
for (const [flowId, { timelines, portalTasks }] of replay.byFlow) {
  const tasks = portalTasks.map((task) => mirroredMetricTask(replay, task));
  for (const moment of replayMoments(replay, schedule)) {
    const stages = stagesAt(replay, flowId, learnedAt(timelines, moment));
    const risks = new Map<number, number>();
    for (const one of timelines) {
      const deadline = deadlineAt(one, moment);
      if (openAt(one, moment) && deadline !== null) risks.set(one.id, riskAt(replay, stages, one, deadline, moment));
    }
    const forecast = efficiencyForecast({
      tasks: efficiencyTasksAt(tasks, moment),
      risks,
      now: moment,
      timeZoneOffset,
    });
    forecasts++;
    for (const point of forecast.points) {
      const at = moment + point.days * dayMs;
      const actual = flowEfficiency(efficiencyTasksAt(tasks, at), at, timeZoneOffset).efficiency;
      outcomes.push({ ...point, naive: forecast.current, actual });
    }
  }
}
const forecastMs = performance.now() - started;

const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
const rows = forecastHorizons.map((days) => {
  const at = outcomes.filter((outcome) => outcome.days === days);
  return {
    days,
    count: at.length,
    model: mean(at.map((outcome) => Math.abs(outcome.median - outcome.actual))),
    naive: mean(at.map((outcome) => Math.abs(outcome.naive - outcome.actual))),
    bias: mean(at.map((outcome) => outcome.median - outcome.actual)),
    coverage:
      at.filter((outcome) => outcome.actual >= outcome.low && outcome.actual <= outcome.high).length / at.length,
    width: mean(at.map((outcome) => outcome.high - outcome.low)),
  };
});
for (const row of rows)
  log(
    `+${row.days} d: MAE model ${row.model.toFixed(2)}, naive ${row.naive.toFixed(2)}; bias ${row.bias.toFixed(2)}; band coverage ${(100 * row.coverage).toFixed(1)} %, mean width ${row.width.toFixed(1)}`,
  );

const points = (value: number) => `${value.toFixed(2)} pts`;
await writeBenchmarkSection(
  'efficiency-forecast',
  `## Efficiency forecast: backtest on the demo company

\`npm run bench:efficiency-forecast\` (seed ${seed}, ${taskCount.toLocaleString('en-US')} tasks) · ${new Date().toISOString().slice(0, 10)} · ${machineDescription()}

At a moment every ${schedule.everyDays} days from ${schedule.firstDaysBefore} to ${schedule.lastDaysBefore} days before the company's \`asOf\`, the efficiency
of each of its ${replay.byFlow.size} flows with tasks ${forecastHorizons.map((days) => `+${days}`).join(' and ')} days ahead is forecast from what was known then: the tasks as they
stood, each open task's deadline risk (\`lib/metrics/efficiency-forecast.ts\`, ${forecastRuns} runs). The actual value is the
portal's rule at that later moment over the tasks as they stood then. The naive forecast is "efficiency stays as it is".
${forecasts.toLocaleString('en-US')} forecasts, with the replay of what was known and their actual values, in ${(forecastMs / 1000).toFixed(1)} s.
A mean error above 0 means the forecast was higher than what came.

| Horizon | Forecasts | MAE, model | MAE, naive | Model ÷ naive | Mean error (bias) | Actual inside the 80 % band | Mean band width |
| --- | --- | --- | --- | --- | --- | --- | --- |
${rows.map((row) => `| +${row.days} days | ${row.count} | ${points(row.model)} | ${points(row.naive)} | ${(row.model / row.naive).toFixed(2)} | ${row.bias >= 0 ? '+' : '−'}${points(Math.abs(row.bias))} | ${(100 * row.coverage).toFixed(1)} % | ${points(row.width)} |`).join('\n')}
`,
);
