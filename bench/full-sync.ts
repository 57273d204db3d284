// npm run bench:full-sync — a full sync of 100,000 tasks end to end: the demo portal over HTTP
// with Bitrix24's default limits (burst 50, 2 requests/s) → Flowpilot's own sync with the
// client's defaults → a freshly migrated Postgres database. Counts requests and refusals per
// phase, times each phase, checks the mirror against the portal, and compares the time with the
// rate ceiling and with a naive client (cursor pages of 50, one history call per task).
// Results go to docs/benchmarks.md; `-- --tasks N` runs another size into a section of its own.
import { parseArgs } from 'node:util';
import { Bitrix24Client, type RetryNotice } from '../lib/bitrix24/client';
import { companyFromLines } from '@/lib/demo-portal/company-file';
import { generateCompany } from '@/lib/demo-portal/generator/generate-company';
import { defaultLimits } from '@/lib/demo-portal/portal-limits';
import { startDemoPortal } from '@/lib/demo-portal/server';
import { rateLimitPresets } from '../lib/bitrix24/rate-limiter';
import { createPrismaClient } from '../lib/db/client';
import { applyMigrations, projectMigrationsLayout } from '../lib/db/migrations';
import { createScratchDatabase } from '../lib/db/scratch-database';
import { executeSyncRun } from '../lib/sync/run-sync';
import { requestSyncRun, syncPhases } from '../lib/sync/sync-runs';
import { mirrorDifferences } from '../lib/sync/testing/mirror-differences';
import { startBenchDatabaseServer } from './bench-database';
import { log } from './log';
import { machineDescription } from './machine';
import { writeBenchmarkSection } from './results-file';

const defaultTasks = 100_000;
const { values: args } = parseArgs({ options: { tasks: { type: 'string' } } });
const taskCount = Number(args.tasks ?? defaultTasks);
if (!Number.isInteger(taskCount) || taskCount < 1)
  throw new Error(`--tasks must be a positive whole number; got ${args.tasks}`);
const seed = 1;
const historyDays = 120;
const { burst, drainPerSecond } = defaultLimits;
const phases = syncPhases.full;
type Phase = (typeof phases)[number];

const since = (started: number) => (performance.now() - started) / 1000;
const int = (value: number) => Math.round(value).toLocaleString('en-US');
const fixed = (value: number, digits = 1) =>
  value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
/** The time Bitrix24's leaky bucket needs for `requests` starting empty: the burst is free, the rest drain at 2/s. */
const ceilingSeconds = (requests: number) => Math.max(0, requests - burst) / drainPerSecond;

const server = await startBenchDatabaseServer();
const scratch = await createScratchDatabase(server.adminUrl, 'fp_bench');
await applyMigrations(scratch.url, projectMigrationsLayout());
const db = createPrismaClient(scratch.url);
log(`database ready (${server.embedded ? 'embedded PostgreSQL' : 'DATABASE_URL server'}, ${scratch.name})`);

let started = performance.now();
const generated = generateCompany({ seed, tasks: taskCount });
const company = companyFromLines(generated.header, generated.lines());
// Bitrix24's real limits (the portal's defaults, spelled out so the benchmark says what it measures).
const portal = await startDemoPortal({ company, limits: { ...defaultLimits } });
const maxId = Number(company.tasks.at(-1)!.id);
// The tasks whose histories a full sync reads (flow tasks open or closed within the window), as mirrorDifferences counts them.
const windowStart = Date.now() - historyDays * 86_400_000;
const historyTargets = portal.state.tasks.filter(
  (task) => task.record.flowId && (task.closedAt === null || task.closedAt >= windowStart),
).length;
log(`generated and serving ${int(taskCount)} tasks (ids up to ${int(maxId)}) in ${fixed(since(started))} s`);

const { id: portalId } = await db.portal.create({
  data: {
    memberId: company.header.memberId,
    domain: company.header.domain,
    kind: 'demo',
    timeZoneOffset: company.header.timeZoneOffset,
  },
});
const { run } = await requestSyncRun(db, portalId, 'full');

// Every request is put down to the phase the run's row says it is in when the request leaves
// (the row moves to a phase before any of that phase's requests), history batches to the
// histories phase: a full run reads them along its task scan and flows.
const requests = Object.fromEntries(phases.map((phase) => [phase, 0])) as Record<Phase, number>;
const refusals = Object.fromEntries(phases.map((phase) => [phase, 0])) as Record<Phase, number>;
const retries: RetryNotice[] = [];
let currentPhase: Phase = phases[0];
const readPhase = async (): Promise<Phase> => {
  const row = await db.syncRun.findUniqueOrThrow({ where: { id: run.id }, select: { phase: true } });
  return phases.find((phase) => phase === row.phase) ?? currentPhase;
};
const historyMethod = 'tasks.task.history.list';
// When the first history request left and the last history answer came (performance.now()).
const historyTimes = { first: Number.NaN, last: Number.NaN };
const client = new Bitrix24Client({
  connection: { kind: 'webhook', url: portal.webhookUrl },
  fetch: async (input, init) => {
    const history = String(init?.body ?? '').includes(historyMethod);
    currentPhase = history ? 'histories' : await readPhase();
    requests[currentPhase]++;
    if (history && Number.isNaN(historyTimes.first)) historyTimes.first = performance.now();
    const answer = await fetch(input, init);
    if (history) historyTimes.last = performance.now();
    return answer;
  },
  onRetry: (notice) => {
    retries.push(notice);
    const phase = notice.method.toLowerCase() === historyMethod ? 'histories' : currentPhase;
    refusals[phase]++;
    log(`retry in ${phase}: ${notice.method} ${notice.error.kind} (wait ${notice.waitMs} ms)`);
  },
});

// When each phase started: the run's cursor records it (phaseStartedAt); poll the row for it.
const phaseStarts = new Map<Phase, number>();
const poll = async () => {
  const row = await db.syncRun.findUniqueOrThrow({ where: { id: run.id }, select: { cursor: true } });
  const cursor = row.cursor as { phase?: string; phaseStartedAt?: string };
  const phase = phases.find((candidate) => candidate === cursor.phase);
  if (phase && cursor.phaseStartedAt && !phaseStarts.has(phase))
    phaseStarts.set(phase, Date.parse(cursor.phaseStartedAt));
};
const progress = async () => {
  const row = await db.syncRun.findUniqueOrThrow({
    where: { id: run.id },
    select: { phase: true, done: true, total: true },
  });
  const sent = Object.values(requests).reduce((a, b) => a + b, 0);
  log(`${row.phase} ${int(row.done)}${row.total === null ? '' : ` / ${int(row.total)}`}, ${int(sent)} requests so far`);
};
const poller = setInterval(() => void poll().catch(() => undefined), 50);
const reporter = setInterval(() => void progress().catch(() => undefined), 30_000);

log('full sync started');
const syncStarted = Date.now();
started = performance.now();
const outcome = await executeSyncRun({ db, client, owner: `bench-${process.pid}`, historyDays }, run.id);
const totalSeconds = since(started);
const firstHistorySeconds = (historyTimes.first - started) / 1000;
const lastHistorySeconds = (historyTimes.last - started) / 1000;
const historySpent = portal.limits.spent.get(historyMethod) ?? 0;
clearInterval(poller);
clearInterval(reporter);
const finished = await db.syncRun.findUniqueOrThrow({ where: { id: run.id } });
log(`full sync ${outcome} in ${fixed(totalSeconds)} s${finished.error ? `: ${finished.error}` : ''}`);

started = performance.now();
const differences = await mirrorDifferences(db, portalId, portal.state, { historyDays });
const checkSeconds = since(started);
log(
  `mirror check: ${differences.length === 0 ? 'equal to the portal' : `${differences.length}${differences.length === 50 ? '+' : ''} differences`} (${fixed(checkSeconds)} s)`,
);
for (const difference of differences.slice(0, 10)) log(`  ${difference}`);
const mirrored = {
  tasks: await db.task.count({ where: { portalId, deletedAt: null } }),
  flows: await db.flow.count({ where: { portalId } }),
  employees: await db.employee.count({ where: { portalId } }),
  changes: await db.taskChange.count({ where: { portalId, source: 'history' } }),
};
const portalTasks = portal.state.tasks.length;
await portal.stop();
await db.$disconnect();
await scratch.drop();
await server.stop();

// Phase durations: from each phase's start to the next one's (or the run's end).
const end = finished.finishedAt?.getTime() ?? syncStarted + totalSeconds * 1000;
const starts = phases.map((phase, index) => phaseStarts.get(phase) ?? (index === 0 ? syncStarted : undefined));
const phaseSeconds = phases.map((_, index) => {
  const start = starts[index];
  if (start === undefined) return null;
  const next = starts.slice(index + 1).find((value) => value !== undefined) ?? end;
  return (next - start) / 1000;
});
const counts = finished.counts as Record<string, number>;
const totalRequests = Object.values(requests).reduce((a, b) => a + b, 0);
const totalRefusals = retries.length;
const ceiling = ceilingSeconds(totalRequests);
const tasksPerSecond = (counts.tasks ?? 0) / totalSeconds;
const historyTasks = counts.histories ?? 0;
// The naive client: cursor pages of 50 (the scan ends at the first page with fewer than 50 rows)
// and one tasks.task.history.list request for each task whose history Flowpilot reads.
const naivePages = Math.floor(portalTasks / 50) + 1;
const naiveRequests = naivePages + historyTargets;
const naiveCeiling = ceilingSeconds(naiveRequests);
const succeeded = outcome === 'succeeded' && differences.length === 0;
// The history method's time budget (480 s in any 10 minutes): within ten minutes of the first
// call at most the budget is spent; what is left goes out after them at the request rate, with a
// full bucket after the wait. The least time both limits allow: the first call's start, that, and
// what the run measured after the last history answer (deletions, figures).
const { operatingBudgetSeconds } = defaultLimits;
const secondsPerCall = historyTasks > 0 ? historySpent / historyTasks : 0;
const budgetFloorAfterFirst =
  historySpent > operatingBudgetSeconds
    ? 600 + ceilingSeconds((historyTasks - operatingBudgetSeconds / secondsPerCall) / 50)
    : Number.NaN;
const afterHistoriesSeconds = totalSeconds - lastHistorySeconds;
const bothLimitsSeconds = Math.max(
  ceiling,
  Number.isNaN(budgetFloorAfterFirst) ? 0 : firstHistorySeconds + budgetFloorAfterFirst + afterHistoriesSeconds,
);
// For a run that stopped early: the requests the whole job needs (every phase as run, histories at 50 a request).
const fullJobRequests = totalRequests - requests.histories + Math.ceil(historyTargets / 50);
for (const [index, phase] of phases.entries()) {
  log(
    `${phase}: ${requests[phase]} requests, ${refusals[phase]} refusals, ${fixed(phaseSeconds[index] ?? Number.NaN)} s`,
  );
}
log(
  `total ${totalRequests} requests in ${fixed(totalSeconds)} s; ceiling ${fixed(ceiling)} s; actual / ceiling ${fixed(totalSeconds / ceiling, 2)}`,
);
log(
  `naive ${naiveRequests} requests, ceiling ${fixed(naiveCeiling)} s (${fixed(naiveCeiling / totalSeconds)}× Flowpilot's time)`,
);

const refusalKinds = [...new Set(retries.map((notice) => notice.error.kind))].map(
  (kind) => `${retries.filter((notice) => notice.error.kind === kind).length} ${kind}`,
);
const phaseRows = phases.map((phase, index) => {
  const seconds = phaseSeconds[index] ?? null;
  const what: Record<Phase, string> = {
    directory: `${int(counts.employees ?? mirrored.employees)} employees, ${int(counts.departments ?? 0)} departments, server time`,
    tasks: `${int(counts.tasks ?? 0)} tasks by batched id ranges`,
    flows: `${int(counts.flows ?? 0)} flows (discovery and id probe)`,
    histories: `histories of ${historyTasks === historyTargets ? '' : `${int(historyTasks)} of `}${int(historyTargets)} flow tasks open or closed within ${historyDays} days, read along the task scan and flows (seconds: after them)`,
    deletions: `${int(counts.deleted ?? 0)} tasks marked deleted`,
    figures: `${int(counts.flowDays ?? 0)} flow-days of daily figures and each flow's list figures rolled up`,
  };
  return `| ${phase} | ${what[phase]} | ${seconds === null ? '—' : fixed(seconds)} | ${int(requests[phase])} | ${int(refusals[phase])} |`;
});
const verdict = succeeded
  ? `equal to the portal (\`mirrorDifferences\`: no differences in tasks field by field, flows and their efficiency, employees, history rows)`
  : `**not equal to the portal**: ${differences.length}${differences.length === 50 ? '+' : ''} differences, first: ${differences
      .slice(0, 3)
      .map((difference) => `\`${difference}\``)
      .join('; ')}`;
const row = (label: string, value: string) => `| ${label} | ${value} |`;
const command =
  taskCount === defaultTasks ? 'npm run bench:full-sync' : `npm run bench:full-sync -- --tasks ${taskCount}`;
// Each history sub-call spends the method's time budget; a sync that does not wait it out stops there.
const budgetNote = /time budget/.test(finished.error ?? '')
  ? `\n\n**The run failed in the histories phase.** Every \`tasks.task.history.list\` sub-call of a batch spends that method's time budget (the demo portal charges 0.01 s a call; ${int(historyTasks)} calls had used ${defaultLimits.operatingBudgetSeconds} s within 10 minutes). The portal answered the next sub-calls with \`OPERATION_TIME_LIMIT\` inside a successful batch answer; \`taskHistories\` throws that error instead of waiting for the budget and retrying, the client's \`OperatingBudget\` never sees the method's usage (a batch answer carries none), and \`executeSyncRun\` marks the run failed. The request counts and times above are those of the run up to that point.`
  : '';
await writeBenchmarkSection(
  taskCount === defaultTasks ? 'full-sync' : `full-sync-${taskCount}`,
  `## Full sync of ${int(taskCount)} tasks: demo portal → sync → Postgres mirror

\`${command}\` · ${new Date().toISOString().slice(0, 10)} · ${machineDescription()}

The demo portal (\`--seed ${seed}\`, ${int(taskCount)} tasks, ids up to ${int(maxId)}) over HTTP with Bitrix24's limits (burst ${burst}, ${drainPerSecond} requests/s, ${defaultLimits.operatingBudgetSeconds} s of each method's time per 10 minutes); \`executeSyncRun\` of a full run with the client's defaults (limiter preset ${rateLimitPresets.standard.burst} / ${rateLimitPresets.standard.drainPerSecond} per second) into a freshly migrated database${server.embedded ? ' on embedded PostgreSQL' : ''}. Requests are counted at the client's \`fetch\`, refusals at \`onRetry\`.

| Phase | What | Seconds | Requests | Refusals |
| --- | --- | --- | --- | --- |
${phaseRows.join('\n')}
| **total** | run ${outcome}${finished.error ? ` (${finished.error})` : ''} | **${fixed(totalSeconds)}** | **${int(totalRequests)}** | **${int(totalRefusals)}**${refusalKinds.length ? ` (${refusalKinds.join(', ')})` : ''} |

| | |
| --- | --- |
${row('Mirror after the run', `${int(mirrored.tasks)} tasks, ${mirrored.flows} flows, ${mirrored.employees} employees, ${int(mirrored.changes)} history changes; ${verdict} (check took ${fixed(checkSeconds)} s)`)}
${row('Throughput', `${int(tasksPerSecond)} tasks/s end to end${outcome === 'succeeded' ? '' : ' (run incomplete)'}`)}
${row('Rate ceiling for these requests', `${fixed(ceiling)} s: (${int(totalRequests)} − ${burst}) / ${drainPerSecond} per second, the least time Bitrix24's limit allows for them`)}
${row('Actual / ceiling', `**${fixed(totalSeconds / ceiling, 2)}×** (1.00 = the sync is purely limit-bound)`)}
${row(
  'History method’s time budget',
  `${int(historyTasks)} history calls spent ${fixed(historySpent)} s of \`${historyMethod}\`’s time, ${fixed(secondsPerCall * 1000, 2)} ms a call. ${
    Number.isNaN(budgetFloorAfterFirst)
      ? `That is within the ${operatingBudgetSeconds} s the method may spend in 10 minutes: the request rate alone bounds them.`
      : `The method may spend ${operatingBudgetSeconds} s in any 10 minutes, so they end no sooner than ${fixed(budgetFloorAfterFirst)} s after the first went out (at ${fixed(firstHistorySeconds)} s); the last answer came at ${fixed(lastHistorySeconds)} s, and the run took ${fixed(afterHistoriesSeconds)} s after it (deletions, figures)`
  }`,
)}
${row('Actual / least time both limits allow', `**${fixed(totalSeconds / bothLimitsSeconds, 2)}×** of ${fixed(bothLimitsSeconds)} s: the request ceiling, or the time budget's floor for the history calls with the time before the first and after the last, whichever is longer`)}
${row('Naive client', `${int(naiveRequests)} requests: ${int(naivePages)} cursor pages of 50 tasks + ${int(historyTargets)} history calls, one per task whose history a full sync reads`)}
${row(
  'Naive client at the same ceiling',
  succeeded
    ? `${fixed(naiveCeiling / 60)} min at best, **${fixed(naiveCeiling / totalSeconds)}×** Flowpilot's measured time`
    : `${fixed(naiveCeiling / 60)} min at best; Flowpilot's run did not finish, so no measured ratio. Ceiling against ceiling: the whole job needs ${int(fullJobRequests)} requests (${int(Math.ceil(historyTargets / 50))} for histories), ${fixed(ceilingSeconds(fullJobRequests) / 60)} min, so the naive client needs **${fixed(naiveCeiling / ceilingSeconds(fullJobRequests))}×** as long`,
)}

The ceiling counts requests only. Bitrix24's other limit, ${defaultLimits.operatingBudgetSeconds} s of execution per method in 10 minutes, also applies to every sub-call of a batch (docs/bitrix24.md, "Limits and pacing") and is not part of the ceiling: at the request rate (50 history calls a request, 2 requests a second) a method whose calls cost 0.01 s spends its ${defaultLimits.operatingBudgetSeconds} s in 8 minutes, so more than about ${int(defaultLimits.operatingBudgetSeconds / 0.01)} history calls must wait for the first basket to drop, ten minutes after the first call, however they are spread. The row *least time both limits allow* adds that floor.${
    bothLimitsSeconds > ceiling
      ? ` Here that floor is ${fixed(bothLimitsSeconds)} s, ${fixed(bothLimitsSeconds / ceiling, 2)}× the request ceiling: reading these histories, no pacing of the calls brings the sync closer to the ceiling than that.`
      : ''
  }${budgetNote}`,
);
log('Wrote docs/benchmarks.md');
process.exit(succeeded ? 0 : 1);
