// npm run bench:copilot-analysis — one CoPilot analysis (findings from the mirror, then the
// built-in analyst's messages, each through the grounding check) for a flow with 1,000 and with
// 10,000 tasks in its 30-day window, in a scratch PostgreSQL (embedded, temporary). Compared with
// a naive analysis that loads every task of the flow and its history with Prisma, and with the
// six seconds per request that Bitrix24's CoPilot limit (600 an hour) allows. Results go to
// docs/benchmarks.md.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { builtinAnalyst } from '../lib/ai/builtin-analyst';
import type { Viewer } from '../lib/auth/viewer';
import type { AnalysedFlow } from '@/lib/findings/analysed-flow';
import { flowFindings } from '@/lib/findings/flow-findings';
import { loadAnalysedFlow } from '@/lib/copilot/analysis/load-analysed-flow';
import { analysisRequest } from '@/lib/copilot/grounding/pseudonymise';
import { requestAnalysis } from '@/lib/copilot/analysis/request-analysis';
import { answerProblems } from '@/lib/copilot/grounding/validate-answer';
import { createPrismaClient, type PrismaClient } from '../lib/db/client';
import { startEmbeddedPostgres } from '../lib/db/embedded-postgres';
import { applyMigrations, projectMigrationsLayout } from '../lib/db/migrations';
import { createScratchDatabase } from '../lib/db/scratch-database';
import { withPgClient } from '../lib/db/with-pg-client';
import { metricTaskFromMirror } from '../lib/metrics/mirrored-metric-task';
import { freePort } from '../lib/launcher/port-free';
import { machineDescription } from './machine';
import { measure } from './measure';
import { writeBenchmarkSection } from './results-file';

const sizes = [1_000, 10_000];
const runs = 20;
const naiveRuns = 5;
/** Bitrix24's CoPilot allows 600 requests an hour: one every six seconds. */
const bitrixSlotMs = 3_600_000 / 600;
const millis = (ms: number) => `${ms < 10 ? ms.toFixed(1) : Math.round(ms).toLocaleString('en-US')} ms`;

/**
 * A flow whose window holds `tasks` tasks (created over the last 30 days, mostly done, each due a
 * day after it was created, a fifth with thin descriptions, one assignee carrying a double share),
 * and as many older tasks again, with their status histories.
 */
async function fillFlow(url: string, portalId: string, bitrixFlowId: number, tasks: number): Promise<string> {
  return withPgClient(url, async (client) => {
    await client.query('SELECT setseed(0.17)');
    const flow = await client.query<{ id: string }>(
      `INSERT INTO flow ("portalId", "bitrixFlowId", name, "plannedCompletionTime", "distributionType", "taskControl", "ownerId")
       VALUES ($1, $2::int, 'Flow ' || $2::text, 259200, 'queue', true, 20000) RETURNING id`,
      [portalId, bitrixFlowId],
    );
    const flowId = flow.rows[0]!.id;
    await client.query(
      `INSERT INTO flow_member ("flowId", "bitrixUserId", role) SELECT $1, 20000 + k, 'member' FROM generate_series(1, 6) k`,
      [flowId],
    );
    await client.query(
      `INSERT INTO employee ("portalId", "bitrixUserId", name, "lastName") SELECT $1, 20000 + k, 'Сотрудник', 'Номер' || k FROM generate_series(0, 6) k
       ON CONFLICT DO NOTHING`,
      [portalId],
    );
    await client.query(
      `WITH drawn AS (
         SELECT g, CASE WHEN g <= $3::int THEN now() - random() * interval '29 days' ELSE now() - interval '40 days' - random() * interval '300 days' END AS created,
           random() AS r_status, random() ^ 2 * interval '2 days' AS wait, random() ^ 2 * interval '4 days' AS work, random() AS r_who, random() AS r_thin
         FROM generate_series(1, $3::int * 2) g
       ),
       shaped AS (
         SELECT d.*, 20000 + CASE WHEN d.r_who < 0.3 THEN 1 ELSE 2 + (d.g % 5) END AS responsible,
           CASE WHEN d.created + d.wait + d.work < now() AND d.r_status < 0.92 THEN 5 WHEN d.created + d.wait < now() THEN 3 ELSE 2 END AS status
         FROM drawn d
       )
       INSERT INTO task ("portalId", "bitrixTaskId", "flowId", "bitrixFlowId", title, "descriptionLength", status, "createdBy", "responsibleId",
         "createdAt", "changedAt", "startedAt", "closedAt", deadline, raw)
       SELECT $1, $4::int * 1000000 + g, $2, $4::int, 'Task ' || g, CASE WHEN r_thin < 0.2 THEN 5 ELSE 300 END, status, 20000, responsible,
         created, created, CASE WHEN status IN (3, 5) THEN created + wait END, CASE WHEN status = 5 THEN created + wait + work END,
         created + interval '1 day', '{}'
       FROM shaped`,
      [portalId, flowId, tasks, bitrixFlowId],
    );
    await client.query(
      `INSERT INTO task_change ("portalId", "bitrixTaskId", field, "fromValue", "toValue", "changedAt", source)
       SELECT "portalId", "bitrixTaskId", 'status'::"TaskChangeField", '2', '3', "startedAt", 'observed'::"TaskChangeSource" FROM task WHERE "flowId" = $1 AND "startedAt" IS NOT NULL
       UNION ALL
       SELECT "portalId", "bitrixTaskId", 'status', '3', '4', "closedAt" - interval '6 hours', 'observed' FROM task WHERE "flowId" = $1 AND "closedAt" IS NOT NULL
       UNION ALL
       SELECT "portalId", "bitrixTaskId", 'status', '4', '5', "closedAt", 'observed' FROM task WHERE "flowId" = $1 AND "closedAt" IS NOT NULL`,
      [flowId],
    );
    await client.query('ANALYZE task; ANALYZE task_change');
    return flowId;
  });
}

/** Findings, then the built-in analyst's messages, each through the grounding check (no database writes). */
async function analyseInMemory(flow: AnalysedFlow) {
  const result = flowFindings(flow);
  const { request } = analysisRequest(flow, result.efficiency, result.findings, 'ru');
  const context = { findings: request.findings, efficiency: result.efficiency, locale: 'ru' as const, names: [] };
  let messages = 0;
  for await (const event of builtinAnalyst.phrase(request)) {
    if (event.type === 'message' && answerProblems(event.message, context).length === 0) messages++;
  }
  return messages;
}

/** The naive way: every task of the flow and its history through Prisma, no window or cap in SQL. */
async function naiveAnalysedFlow(db: PrismaClient, flowId: string, loaded: AnalysedFlow): Promise<AnalysedFlow> {
  const tasks = await db.task.findMany({ where: { flowId, deletedAt: null } });
  const changes = await db.taskChange.findMany({
    where: { bitrixTaskId: { in: tasks.map((task) => task.bitrixTaskId) } },
    orderBy: [{ changedAt: 'asc' }, { id: 'asc' }],
  });
  const byTask = new Map<number, typeof changes>();
  for (const change of changes) byTask.set(change.bitrixTaskId, [...(byTask.get(change.bitrixTaskId) ?? []), change]);
  return {
    ...loaded,
    tasks: tasks.map((task) => ({
      ...metricTaskFromMirror(task, byTask.get(task.bitrixTaskId) ?? []),
      descriptionLength: task.descriptionLength,
      commentsCount: task.commentsCount,
      assignedAt: null,
    })),
  };
}

const started = performance.now();
const folder = await mkdtemp(path.join(os.tmpdir(), 'flowpilot-bench-copilot-'));
const server = await startEmbeddedPostgres({ dataDir: folder, port: await freePort() });
const scratch = await createScratchDatabase(server.adminConnectionString, 'fp_bench_copilot');
const db = createPrismaClient(scratch.url);
try {
  await applyMigrations(scratch.url, projectMigrationsLayout());
  const portal = await db.portal.create({
    data: { memberId: 'bench-copilot', domain: 'bench.bitrix24.ru', kind: 'demo' },
  });
  const admin = await db.user.create({ data: { email: 'bench@copilot.local', name: 'Bench', role: 'admin' } });
  const viewer: Viewer = {
    id: admin.id,
    email: admin.email,
    name: admin.name,
    role: 'admin',
    portalId: null,
    bitrixUserId: null,
  };
  const rows: string[] = [];
  for (const [index, size] of sizes.entries()) {
    const flowId = await fillFlow(scratch.url, portal.id, index + 1, size);
    const loaded = (await loadAnalysedFlow(db, flowId))!;
    const result = flowFindings(loaded.flow);
    console.log(
      `${size} tasks: ${loaded.flow.tasks.length} read, efficiency ${result.efficiency} %, ${result.findings.length} findings (${result.findings.map((finding) => finding.kind).join(', ')})`,
    );

    const load = await measure(runs, () => loadAnalysedFlow(db, flowId));
    const compute = await measure(runs, () => analyseInMemory(loaded.flow));
    const whole = await measure(runs, async () => {
      let phrasing: Promise<void> = Promise.resolve();
      const outcome = await requestAnalysis(
        db,
        viewer,
        { flowId, fresh: true, locale: 'ru' },
        { defer: (work) => void (phrasing = work()) },
      );
      if (outcome.kind !== 'analysis' || !outcome.started) throw new Error(`no new analysis: ${outcome.kind}`);
      await phrasing;
    });
    const naive = await measure(naiveRuns, async () =>
      analyseInMemory(await naiveAnalysedFlow(db, flowId, loaded.flow)),
    );
    const total = load.p50 + compute.p50;
    console.log(
      `  load ${millis(load.p50)}, findings + messages ${millis(compute.p50)}, requestAnalysis ${millis(whole.p50)}, naive ${millis(naive.p50)}`,
    );
    rows.push(
      `| ${size.toLocaleString('en-US')} | ${loaded.flow.tasks.length.toLocaleString('en-US')} | ${millis(load.p50)} / ${millis(load.p95)} | ${millis(compute.p50)} / ${millis(compute.p95)} | ${millis(whole.p50)} / ${millis(whole.p95)} | ${millis(naive.p50)} | ${(naive.p50 / total).toFixed(1)}× | ${(bitrixSlotMs / total).toFixed(0)}× |`,
    );
  }
  await writeBenchmarkSection(
    'copilot-analysis',
    `## CoPilot analysis: flows of 1,000 and 10,000 tasks

\`npm run bench:copilot-analysis\` (bench/copilot-analysis.ts). ${machineDescription()}, ${new Date().toISOString().slice(0, 10)}. Each flow has that many
tasks in its 30-day window (and as many older ones), each due a day after it was created, a fifth with thin descriptions,
one assignee with a double share, status histories. p50 / p95 of ${runs} runs after a warm-up.

- **Load**: \`loadAnalysedFlow\`: the window's 1,000 most recent counted tasks (Bitrix24's cap), their
  changes, the team and the 60-day intake, in SQL.
- **Findings + messages**: \`flowFindings\`, then the built-in analyst's messages, each through the grounding check.
- **requestAnalysis**: a whole new analysis as the server action makes it (switch, scope, load, findings,
  regeneration rule, quota, the stored run), with the phrasing it defers and each message stored as it comes.
- **Naive**: every task of the flow and its history through Prisma, findings over all of them.
- **vs naive** = naive ÷ (load + findings + messages); **vs Bitrix24 slot** = the 6 s per request that
  Bitrix24's CoPilot limit (600 an hour) allows ÷ (load + findings + messages).

| Tasks in window | Tasks read | Load | Findings + messages | requestAnalysis | Naive (p50) | vs naive | vs Bitrix24 slot |
|---|---|---|---|---|---|---|---|
${rows.join('\n')}
`,
  );
  console.log(`done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
} finally {
  await db.$disconnect();
  await scratch.drop();
  await server.stop();
  await rm(folder, { recursive: true, force: true });
}
