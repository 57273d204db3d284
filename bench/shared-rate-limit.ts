// npm run bench:shared-rate-limit — the same portal work done by one instance and by two: a full
// sync, and batches of task events, against the demo portal with Bitrix24's limits (burst 50,
// 2 requests/s). Each instance counts its requests in the shared bucket in PostgreSQL
// (lib/portals/shared-rate-limit.ts). Measures the wall time of each set-up, the ratio two ÷ one,
// and the requests the portal refused. Results go to docs/benchmarks.md.
import { parseArgs } from 'node:util';
import { Bitrix24Client, type RetryNotice } from '../lib/bitrix24/client';
import { createPrismaClient, type PrismaClient } from '../lib/db/client';
import { applyMigrations, projectMigrationsLayout } from '../lib/db/migrations';
import { createScratchDatabase } from '../lib/db/scratch-database';
import { companyFromLines } from '../lib/demo-portal/company-file';
import { generateCompany } from '../lib/demo-portal/generator/generate-company';
import { defaultLimits } from '../lib/demo-portal/portal-limits';
import { startDemoPortal } from '../lib/demo-portal/server';
import { SharedLeakyBucket } from '../lib/portals/shared-rate-limit';
import { processPortalEvents } from '../lib/sync/process-portal-events';
import { executeSyncRun } from '../lib/sync/run-sync';
import { requestSyncRun } from '../lib/sync/sync-runs';
import { startBenchDatabaseServer } from './bench-database';
import { log } from './log';
import { machineDescription } from './machine';
import { writeBenchmarkSection } from './results-file';

const { values: args } = parseArgs({ options: { tasks: { type: 'string' }, events: { type: 'string' } } });
const taskCount = Number(args.tasks ?? 3_000);
const eventTasks = Number(args.events ?? 1_000);
const seed = 3;
const fixed = (value: number, digits = 1) =>
  value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

const server = await startBenchDatabaseServer();

const generated = generateCompany({ seed, tasks: taskCount });
const company = companyFromLines(generated.header, generated.lines());

type Outcome = { seconds: number; requests: number; refused: number; retries: number };

/** One set-up on a fresh database and a fresh portal, so neither starts with a used bucket. */
async function measure(instances: 1 | 2): Promise<Outcome> {
  const scratch = await createScratchDatabase(server.adminUrl, 'fp_bench_limit');
  await applyMigrations(scratch.url, projectMigrationsLayout());
  const db = createPrismaClient(scratch.url);
  const portal = await startDemoPortal({ company, limits: { ...defaultLimits } });
  try {
    const { id: portalId } = await db.portal.create({
      data: {
        memberId: company.header.memberId,
        domain: company.header.domain,
        kind: 'demo',
        timeZoneOffset: company.header.timeZoneOffset,
        connectionUserIsAdmin: true,
      },
    });
    let requests = 0;
    const retries: RetryNotice[] = [];
    // An instance is its own limiter on the shared row, as a separate process has.
    const instanceClient = (database: PrismaClient) =>
      new Bitrix24Client({
        connection: { kind: 'webhook', url: portal.webhookUrl },
        limiter: new SharedLeakyBucket(database, portalId),
        fetch: (input, init) => {
          requests++;
          return fetch(input, init);
        },
        onRetry: (notice) => retries.push(notice),
      });
    const clients = instances === 1 ? [instanceClient(db)] : [instanceClient(db), instanceClient(db)];
    const events = portal.state.tasks.slice(0, eventTasks).map((task) => ({
      portalId,
      event: 'ONTASKUPDATE',
      bitrixTaskId: Number(task.record.id),
    }));
    await db.portalEvent.createMany({ data: events });
    const { run } = await requestSyncRun(db, portalId, 'full');
    const started = performance.now();
    const [sync] = await Promise.all([
      executeSyncRun({ db, client: clients[0]!, owner: 'bench-sync' }, run.id),
      processPortalEvents(db, clients.at(-1)!, portalId),
    ]);
    const seconds = (performance.now() - started) / 1000;
    if (sync !== 'succeeded') throw new Error(`the sync ended ${sync}`);
    log(`${instances} instance(s): ${fixed(seconds)} s, ${requests} requests, ${portal.limits.refused} refused`);
    return { seconds, requests, refused: portal.limits.refused, retries: retries.length };
  } finally {
    await portal.stop();
    await db.$disconnect();
    await scratch.drop();
  }
}

const one = await measure(1);
const two = await measure(2);
await server.stop();

const ceiling = (requests: number) => Math.max(0, requests - defaultLimits.burst) / defaultLimits.drainPerSecond;
const row = (label: string, outcome: Outcome) =>
  `| ${label} | ${fixed(outcome.seconds)} | ${outcome.requests} | ${fixed(ceiling(outcome.requests))} | ${outcome.refused} | ${outcome.retries} |`;
await writeBenchmarkSection(
  'shared-rate-limit',
  `## Shared rate limit: one instance and two on one portal

\`npm run bench:shared-rate-limit\` · ${new Date().toISOString().slice(0, 10)} · ${machineDescription()}

The demo portal (\`--seed ${seed}\`, ${taskCount.toLocaleString('en-US')} tasks) with Bitrix24's limits (burst ${defaultLimits.burst}, ${defaultLimits.drainPerSecond} requests/s). The work: a full sync (\`executeSyncRun\`) and, at the same time, the events of ${eventTasks.toLocaleString('en-US')} changed tasks (\`processPortalEvents\`), each set-up on a fresh database and a fresh portal. With one instance both share its client; with two, the sync runs on one and the events on the other, each with its own \`SharedLeakyBucket\` on the shared row, as separate processes have. The ceiling is the least time Bitrix24's bucket allows for the requests made.

| Set-up | Seconds | Requests | Ceiling, s | Refused by the portal | Client retries |
| --- | --- | --- | --- | --- | --- |
${row('One instance: sync and events', one)}
${row('Two instances: sync on one, events on the other', two)}

Two ÷ one: **${fixed(two.seconds / one.seconds, 2)}×** the time (1.00 = the pair is as fast as one instance; below 1 it is faster). Both are bound by the portal's limit, which two instances share rather than double.`,
);
process.exit(0);
