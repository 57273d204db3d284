import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { saveAlertSettings } from '@/lib/alerts/alert-settings';
import { hashPassword } from '@/lib/auth/password';
import { Bitrix24Client } from '@/lib/bitrix24/client';
import { createPrismaClient, type PrismaClient } from '@/lib/db/client';
import { applyMigrations, projectMigrationsLayout } from '@/lib/db/migrations';
import { createScratchDatabase, type ScratchDatabase } from '@/lib/db/scratch-database';
import { companyFromLines } from '@/lib/demo-portal/company-file';
import { generateCompany } from '@/lib/demo-portal/generator/generate-company';
import { allScopes } from '@/lib/demo-portal/rest/registry';
import { startDemoPortal, type DemoPortal } from '@/lib/demo-portal/server';
import { eventsPath } from '@/lib/http/bitrix24-receiver-paths';
import { jobSchema } from '@/lib/jobs/boss-clients';
import { jobQueues } from '@/lib/jobs/job-queues';
import { saveWebhookConnection } from '@/lib/portals/portal-connection';
import { secretBox } from '@/lib/security/secret-box';
import { mirrorDifferences } from '@/lib/sync/testing/mirror-differences';
import { runLauncher, waitForOutput, type LauncherProcess } from './support/launcher-process';
import { startRoundRobinBalancer, type RoundRobinBalancer } from './support/round-robin-balancer';
import { readStack } from './support/stack';

/**
 * Two Flowpilot instances, each started as `npm start` starts one, on one PostgreSQL that neither
 * embeds, behind a round-robin balancer, connected to a demo portal with Bitrix24's limits:
 * whatever reaches both is done once, and when one dies mid-sync the other finishes its run.
 */
test.describe.configure({ mode: 'serial', timeout: 180_000 });

const ports = [3211, 3212] as const;
const admin = { email: 'two-instances@e2e.test', password: 'two-instances-password' };
const takeoverSeconds = 15;

let database: ScratchDatabase;
let db: PrismaClient;
let portal: DemoPortal;
let portalId: string;
let balancer: RoundRobinBalancer;
let client: Bitrix24Client;
const dataDirs: string[] = [];
const instances: LauncherProcess[] = [];

function startInstance(index: number, env: Record<string, string>): LauncherProcess {
  const instance = runLauncher(
    { ...env, PORT: String(ports[index]), HOST: '127.0.0.1', DATA_DIR: dataDirs[index]! },
    path.resolve(`test-results/e2e-instance-${index + 1}.log`),
  );
  instances[index] = instance;
  return instance;
}

/** The instance whose job worker holds a sync run (its owner is `host:pid:random`). */
const holderOf = (owner: string | null) =>
  instances.findIndex((instance) => owner?.split(':')[1] === String(instance.child.pid));

/** The processes `pid` started (its web server): a killed launcher does not take them down. */
async function childrenOf(pid: number): Promise<number[]> {
  const children: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    // Fields after the command's closing parenthesis: state, then the parent's pid.
    const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (parent === pid) children.push(Number(entry));
  }
  return children;
}

async function signIn(browser: Browser, index: number): Promise<Page> {
  const baseURL = `http://127.0.0.1:${ports[index]}`;
  const context = await browser.newContext({ baseURL, locale: 'en-US' });
  await context.addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: baseURL }]);
  const page = await context.newPage();
  await page.goto('/sign-in');
  await page.getByLabel('E-mail').fill(admin.email);
  await page.getByLabel('Password', { exact: true }).fill(admin.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).toHaveURL(/\/(flows|overview)$/);
  return page;
}

async function requestFullSync(page: Page) {
  const response = await page.request.post('/api/sync', {
    data: { kind: 'full' },
    headers: { origin: new URL(page.url()).origin },
  });
  expect([200, 202], await response.text()).toContain(response.status());
  return (await response.json()) as { started: boolean; run: { id: string } | null };
}

async function until<T>(what: string, check: () => Promise<T | null | undefined | false>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const finishedRun = (runId: string) =>
  until(
    `sync run ${runId} to finish`,
    async () => {
      const run = await db.syncRun.findUniqueOrThrow({ where: { id: runId } });
      return run.state === 'running' ? null : run;
    },
    120_000,
  );

test.beforeAll(async () => {
  const stack = readStack();
  const server = new URL(stack.databaseUrl);
  server.pathname = '/postgres';
  database = await createScratchDatabase(server.toString(), 'fp_two');
  await applyMigrations(database.url, projectMigrationsLayout());
  db = createPrismaClient(database.url);

  const generated = generateCompany({ seed: 21, tasks: 1_500 });
  const company = companyFromLines(generated.header, generated.lines());
  const portalAdmin = company.users.find((user) => user.ACTIVE)!;
  const webhook = { userId: Number(portalAdmin.ID), code: 'two-instances-code', scopes: allScopes };
  portal = await startDemoPortal({ company, webhooks: [webhook] });
  client = new Bitrix24Client({ connection: { kind: 'webhook', url: portal.webhookUrl } });
  balancer = await startRoundRobinBalancer(ports.map((port) => `http://127.0.0.1:${port}`));

  const encryptionKey = randomBytes(32).toString('base64url');
  ({ portalId } = await saveWebhookConnection(db, secretBox(encryptionKey), {
    identity: {
      // Known by its domain, like any webhook portal, until the first event tells its member id.
      memberId: company.header.domain,
      domain: company.header.domain,
      kind: 'webhook',
      timeZoneOffset: company.header.timeZoneOffset,
    },
    webhookUrl: portal.webhookUrl,
    applicationToken: portal.state.addOutgoingWebhook(`${balancer.url}${eventsPath}`, [
      'ONTASKADD',
      'ONTASKUPDATE',
      'ONTASKDELETE',
    ]),
    scopes: allScopes,
  }));
  await db.user.create({
    data: {
      email: admin.email,
      name: 'Two Instances',
      role: 'admin',
      passwordHash: await hashPassword(admin.password),
    },
  });
  await db.copilotSettings.upsert({ where: { id: 1 }, create: { id: 1, enabled: true }, update: { enabled: true } });

  for (const _port of ports) dataDirs.push(await mkdtemp(path.join(os.tmpdir(), 'flowpilot-instance-')));
  // What several instances must share (docs/deploy.md): the database and both keys.
  const shared = {
    DATABASE_URL: database.url,
    ENCRYPTION_KEY: encryptionKey,
    AUTH_SECRET: randomBytes(32).toString('base64url'),
    SYNC_TAKEOVER_SECONDS: String(takeoverSeconds),
  };
  startInstance(0, shared);
  startInstance(1, shared);
  await Promise.all(instances.map((instance) => waitForOutput(instance, /\[flowpilot\] ready: /, 180_000)));

  // Every instance schedules the same jobs; make one fire every minute so the run sees it fire.
  await db.$executeRawUnsafe(
    `UPDATE "${jobSchema}".schedule SET cron = '* * * * *' WHERE name = $1`,
    jobQueues.copilotLogRetention,
  );
});

test.afterAll(async () => {
  await Promise.all(instances.map((instance) => instance.stop('SIGTERM')));
  await balancer?.stop();
  await portal?.stop();
  await db?.$disconnect();
  await database?.drop();
  await Promise.all(dataDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

test('a full sync requested on both instances is one run, done once, equal to the portal', async ({ browser }) => {
  const pages = await Promise.all([signIn(browser, 0), signIn(browser, 1)]);
  const answers = await Promise.all(pages.map(requestFullSync));
  expect(answers.filter((answer) => answer.started)).toHaveLength(1);
  expect(answers[0]!.run!.id).toBe(answers[1]!.run!.id);

  const run = await finishedRun(answers[0]!.run!.id);
  expect(run.state).toBe('succeeded');
  expect(await db.syncRun.count({ where: { portalId } })).toBe(1);
  expect(await mirrorDifferences(db, portalId, portal.state)).toEqual([]);
  await Promise.all(pages.map((page) => page.context().close()));
});

test('an alert due after a sync finished on either instance goes out once', async ({ browser }) => {
  await saveAlertSettings(db, { quietFrom: 0, quietTo: 0, dailyCap: 100, locale: 'en' });
  const flow = await db.flow.findFirstOrThrow({
    where: { portalId, tasks: { some: { status: 2 } } },
    select: { id: true, members: { where: { role: 'owner' }, select: { bitrixUserId: true } } },
  });
  await db.alertRule.create({
    data: { flowId: flow.id, kind: 'queue_over', enabled: true, threshold: 0, edited: true },
  });
  // Every sync ends with an alerts check, whichever instance finishes it; ask for syncs on both.
  const pages = await Promise.all([signIn(browser, 0), signIn(browser, 1)]);
  for (let round = 0; round < 2; round += 1) {
    const answers = await Promise.all(
      pages.map((page) =>
        page.request
          .post('/api/sync', { data: { kind: 'incremental' }, headers: { origin: new URL(page.url()).origin } })
          .then(async (response) => (await response.json()) as { run: { id: string } }),
      ),
    );
    await finishedRun(answers[0]!.run.id);
  }
  const owner = flow.members[0]!.bitrixUserId;
  const sent = await until(
    'the alert to go out',
    async () => {
      const alerts = portal.state.notifications.filter((note) => note.userId === owner);
      return alerts.length > 0 ? alerts : null;
    },
    30_000,
  );
  // The checks after the second round find the episode already sent.
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  expect(portal.state.notifications.filter((note) => note.userId === owner)).toEqual(sent);
  expect(sent).toHaveLength(1);
  await Promise.all(pages.map((page) => page.context().close()));
});

test('task events reaching both instances are each processed, never by two at once', async () => {
  const flowTasks = portal.state.tasks
    .filter((task) => task.record.flowId && Number(task.record.status) !== 5)
    .slice(0, 12);
  for (const [index, task] of flowTasks.entries()) {
    await client.call('tasks.task.update', {
      taskId: Number(task.record.id),
      fields: { TITLE: `Изменено на двух экземплярах ${index}` },
    });
  }
  await portal.eventsSettled();
  // The balancer alternates, so both instances received events.
  expect(balancer.sent.every((count) => count > 0)).toBe(true);
  await until(
    'every event recorded and processed',
    async () =>
      (await db.portalEvent.count({ where: { portalId } })) >= flowTasks.length &&
      (await db.portalEvent.count({ where: { portalId, processedAt: null } })) === 0,
    30_000,
  );
  expect(await mirrorDifferences(db, portalId, portal.state)).toEqual([]);
  // pg-boss holds at most one event job per portal active: no two instances ever worked on the
  // same events. Its times are each transaction's start, so a job taken as the one before it
  // commits seems to overlap it by that commit; working side by side would take far longer.
  const overlaps = await db.$queryRawUnsafe<{ overlaps: number }[]>(
    `SELECT count(*)::int AS overlaps FROM "${jobSchema}".job a JOIN "${jobSchema}".job b
       ON a.name = b.name AND a.id < b.id AND a.data = b.data
     WHERE a.name = $1 AND a.state = 'completed' AND b.state = 'completed'
       AND least(a.completed_on, b.completed_on) - greatest(a.started_on, b.started_on) > interval '100 milliseconds'`,
    jobQueues.portalEvents,
  );
  expect(overlaps[0]!.overlaps).toBe(0);
  // A job queued while the one before it took the last events may still be waiting to find none.
  const unfinished = () =>
    db.$queryRawUnsafe<{ state: string; jobs: number }[]>(
      `SELECT state::text, count(*)::int AS jobs FROM "${jobSchema}".job
        WHERE name = $1 AND state <> 'completed' GROUP BY state ORDER BY state`,
      jobQueues.portalEvents,
    );
  await until(
    'every event job to end',
    async () => (await unfinished()).every(({ state }) => !['created', 'retry', 'active'].includes(state)),
    30_000,
  );
  expect(await unfinished()).toEqual([]);
});

test('CoPilot asked about one flow on both instances at once starts one analysis', async ({ browser }) => {
  const pages = await Promise.all([signIn(browser, 0), signIn(browser, 1)]);
  const flow = await db.flow.findFirstOrThrow({
    where: { portalId, tasks: { some: {} } },
    orderBy: { tasks: { _count: 'desc' } },
    select: { id: true, name: true },
  });
  for (const page of pages) await page.goto('/flows');
  await Promise.all(
    pages.map((page) => page.getByRole('button', { name: `Ask CoPilot about “${flow.name}”` }).click()),
  );
  const analysis = await until(
    'the analysis to finish',
    async () => {
      const analyses = await db.copilotAnalysis.findMany({ where: { flowId: flow.id } });
      return analyses.length > 0 && analyses.every((one) => one.state !== 'running') ? analyses : null;
    },
    60_000,
  );
  expect(analysis).toHaveLength(1);
  await Promise.all(pages.map((page) => page.context().close()));
});

test('when the instance holding a sync dies, the other takes the run over and finishes it equal to the portal', async ({
  browser,
}) => {
  // Slow answers keep the run going long enough to be cut in the middle.
  portal.faults.slowMs = 300;
  const page = await signIn(browser, 1);
  // The tasks the tests before created send events, and the incremental sync they set off may be
  // running: a request then gets that run, so it is let finish and the full sync asked for again.
  const runId = await until(
    'a full sync to start',
    async () => {
      const { started, run } = await requestFullSync(page);
      if (started) return run!.id;
      if (run) await finishedRun(run.id);
      return null;
    },
    180_000,
  );
  await page.context().close();
  const held = await until(
    'the run to be under way',
    async () => {
      const record = await db.syncRun.findUniqueOrThrow({ where: { id: runId } });
      return record.done > 0 && record.phase !== 'deletions' && holderOf(record.owner) >= 0 ? record : null;
    },
    60_000,
  );
  const victim = holderOf(held.owner);
  const survivor = 1 - victim;
  // SIGKILL: no clean-up, no last checkpoint; the web server goes with it, as with a lost machine.
  const pid = instances[victim]!.child.pid!;
  const webServers = await childrenOf(pid);
  process.kill(pid, 'SIGKILL');
  for (const child of webServers) process.kill(child, 'SIGKILL');
  await instances[victim]!.exited;
  portal.faults.slowMs = 0;

  const finished = await finishedRun(runId);
  expect(finished.state).toBe('succeeded');
  expect(holderOf(finished.owner)).toBe(survivor);
  expect(await mirrorDifferences(db, portalId, portal.state)).toEqual([]);
  expect(await db.syncRun.count({ where: { portalId, state: 'running' } })).toBe(0);
});

test('a scheduled job fires once per slot, not once per instance', async () => {
  // Before the test made it fire every minute, its slot (03:23) had not come during this run.
  const slots = () =>
    db.$queryRawUnsafe<{ slot: Date; jobs: number }[]>(
      `SELECT date_trunc('minute', created_on) AS slot, count(*)::int AS jobs FROM "${jobSchema}".job
        WHERE name = $1 GROUP BY 1 ORDER BY 1`,
      jobQueues.copilotLogRetention,
    );
  const fired = await until(
    'the scheduled job to fire',
    async () => ((await slots()).length > 0 ? slots() : null),
    90_000,
  );
  expect(fired.map((slot) => slot.jobs)).toEqual(fired.map(() => 1));
});

test('together the instances stayed inside the portal’s request limit', () => {
  // Both count their requests in one shared bucket (lib/portals/shared-rate-limit.ts).
  expect(portal.limits.refused).toBe(0);
});
