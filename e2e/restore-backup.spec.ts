import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { createPrismaClient } from '@/lib/db/client';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '@/lib/db/embedded-postgres';
import { applyMigrations, projectMigrationsLayout } from '@/lib/db/migrations';
import { createScratchDatabase } from '@/lib/db/scratch-database';
import { workerBoss } from '@/lib/jobs/boss-clients';
import { createJobQueues, jobSchedules } from '@/lib/jobs/job-queues';
import type { FlowsListPage } from '@/lib/dashboards/dashboard-types';
import { isOpen } from '@/lib/metrics/metric-task';
import { testPostgresPorts } from '@/lib/testing/test-ports';
import { insertTasks, randomTasks } from '@/lib/metrics/testing/mirror-fixture';
import { runLauncher, waitForOutput, type LauncherProcess } from './support/launcher-process';
import { e2eMemberId } from './support/oauth-company';
import { findPostgresTools } from './support/postgres-tools';
import { seedE2eData, seedPassword, seedUsers } from './support/seed';

/**
 * The restore drill of docs/deploy.md, end to end: a Flowpilot database with users, a portal,
 * flows, tasks and its job queues is backed up with pg_dump, restored by `npm run db:restore` into
 * a database that did not exist, and a second Flowpilot started on it serves that data.
 */
const run = promisify(execFile);
const appPort = 3108;
const appUrl = `http://127.0.0.1:${appPort}`;
const postgresPort = testPostgresPorts.restoreBackup;

let workDir: string;
let server: EmbeddedDatabase | undefined;
let app: LauncherProcess | undefined;

test.beforeAll(async () => {
  workDir = await mkdtemp(path.join(os.tmpdir(), 'flowpilot-restore-'));
});

test.afterAll(async () => {
  await app?.stop();
  await server?.stop();
  // As root the cluster may live outside workDir (lib/db/postgres-as-root.ts).
  if (server) await rm(server.clusterDir, { recursive: true, force: true });
  await rm(workDir, { recursive: true, force: true });
});

test.use({ locale: 'en-US' });

test('a pg_dump backup restored by npm run db:restore into a new database starts Flowpilot with its data', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const tools = findPostgresTools();
  server = await startEmbeddedPostgres({
    dataDir: path.join(workDir, 'server'),
    port: postgresPort,
    binaries: tools.server,
  });

  // The deployment's database as it stands: schema, accounts, a portal's mirror and pg-boss's queues.
  const source = await createScratchDatabase(server.adminConnectionString, 'fp_backup_source');
  await applyMigrations(source.url, projectMigrationsLayout());
  const flows = await seedE2eData(source.url);
  const db = createPrismaClient(source.url);
  const flowIds = [flows.support, flows.sales, flows.legal];
  const tasks = randomTasks('restore', 300, [...flowIds, null], Date.now());
  try {
    const { id: portalId } = await db.portal.findUniqueOrThrow({ where: { memberId: e2eMemberId } });
    await insertTasks(db, portalId, tasks);
  } finally {
    await db.$disconnect();
  }
  const boss = workerBoss(source.url);
  await boss.start();
  await createJobQueues(boss);
  for (const { queue, cron } of jobSchedules) await boss.schedule(queue, cron);
  await boss.stop({ graceful: false, wait: true });

  // The backup, as docs/deploy.md makes it.
  const dumpFile = path.join(workDir, 'flowpilot.dump');
  await run(tools.pgDump, ['--format=custom', `--file=${dumpFile}`, `--dbname=${source.url}`]);

  const restored = new URL(server.adminConnectionString);
  restored.pathname = '/flowpilot_restore_drill';
  const restore = await run(process.execPath, [
    '--import',
    'tsx',
    'scripts/restore-backup.ts',
    '--dump',
    dumpFile,
    '--to',
    restored.toString(),
  ]);
  const users = Object.keys(seedUsers).length + 2;
  expect(restore.stdout).toContain('creating the database flowpilot_restore_drill');
  expect(restore.stdout).toMatch(
    new RegExp(`Restored into .*: \\d+ migrations, ${users} users, 1 portals, 3 flows, ${tasks.length} tasks\\.`),
  );

  // A second Flowpilot, started as in docs/deploy.md, on the restored database alone.
  app = runLauncher({
    PORT: String(appPort),
    HOST: '127.0.0.1',
    DATABASE_URL: restored.toString(),
    DATA_DIR: path.join(workDir, 'app'),
    ENCRYPTION_KEY: randomBytes(32).toString('base64url'),
    AUTH_SECRET: randomBytes(32).toString('base64url'),
    APP_URL: undefined,
  });
  await waitForOutput(app, /\[flowpilot\] ready: /, 180_000);
  // Every migration came with the backup; none had to be applied again.
  expect(app.output()).toContain('database schema is up to date');
  const health = await fetch(`${appUrl}/api/health`);
  expect(health.status).toBe(200);
  expect(await health.json()).toMatchObject({ status: 'ok', db: 'up' });

  // The restored admin signs in with the password they had, and sees the restored flows and tasks.
  await page.goto(`${appUrl}/sign-in`);
  await page.getByLabel('E-mail').fill(seedUsers.admin.email);
  await page.getByLabel(/^Password$/).fill(seedPassword);
  await page.getByRole('button', { name: /^Sign in$/ }).click();
  await expect(page).toHaveURL(/\/overview$/);
  await page.goto(`${appUrl}/flows`);
  for (const name of ['Support', 'Sales', 'Legal']) {
    await expect(page.getByRole('link', { name, exact: true }).first()).toBeVisible();
  }
  const answer = await page.request.get(`${appUrl}/api/dashboard/flows`);
  expect(answer.status()).toBe(200);
  const list = (await answer.json()) as FlowsListPage;
  const pending = (flowId: string) =>
    tasks.filter(
      (task) => task.flowId === flowId && !task.deletedAt && isOpen(task) && (task.status === 1 || task.status === 2),
    ).length;
  expect(flowIds.reduce((sum, id) => sum + pending(id), 0)).toBeGreaterThan(0);
  expect(
    Object.fromEntries(list.rows.map((row) => [row.id, row.pending.count])),
    'pending tasks per flow, as the restored mirror holds them',
  ).toEqual(Object.fromEntries(flowIds.map((id) => [id, pending(id)])));
});
