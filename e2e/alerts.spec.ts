import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { Bitrix24Client } from '@/lib/bitrix24/client';
import { createPrismaClient, type PrismaClient } from '@/lib/db/client';
import { startDemoPortal, type DemoPortal } from '@/lib/demo-portal/server';
import { fixtureCompany, fixtureFlow, fixtureTask } from '@/lib/demo-portal/testing/fixture-company';
import { jobSchema } from '@/lib/jobs/boss-clients';
import { jobQueues } from '@/lib/jobs/job-queues';
import { saveWebhookConnection } from '@/lib/portals/portal-connection';
import { secretBox } from '@/lib/security/secret-box';
import { runLauncher, waitForOutput, type LauncherProcess } from './support/launcher-process';
import { readStack, storageStateFor } from './support/stack';

/**
 * Acceptance of alerts: an admin sets a low threshold on a flow's page; after a sync the demo
 * portal holds exactly one notification, for the flow's owner, with the link to the flow; the next
 * sync sends nothing; once the queue has emptied and filled again it fires once more. All the
 * while a second app instance runs on the same database, and nothing is sent twice.
 */
const hook = { userId: 1, code: 'e2ealertshook001', scopes: ['task', 'user', 'department', 'im'] };
const secondPort = 3107;
let db: PrismaClient;
let portal: DemoPortal;
let portalId: string;
let second: LauncherProcess;
let secondDataDir: string;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  const stack = readStack();
  db = createPrismaClient(stack.databaseUrl);
  portal = await startDemoPortal({
    company: fixtureCompany({
      flows: [fixtureFlow(1, { name: 'Оповещения', ownerId: 1 })],
      tasks: [1, 2, 3, 4].map((id) => fixtureTask(id, { flowId: '1', status: '2', responsibleId: '2' })),
    }),
    webhooks: [hook],
  });
  ({ portalId } = await saveWebhookConnection(db, secretBox(stack.encryptionKey), {
    identity: {
      memberId: 'e2e-alerts-portal',
      domain: 'alerts.bitrix24.test',
      kind: 'webhook',
      timeZoneOffset: '+03:00',
    },
    webhookUrl: `${portal.url}/rest/${hook.userId}/${hook.code}/`,
    applicationToken: 'e2e-alerts-application-token-01',
    scopes: hook.scopes,
  }));
  // Only the syncs this spec starts: a scheduled one could land between two of its steps.
  await db.$executeRawUnsafe(`DELETE FROM "${jobSchema}".schedule WHERE name = ANY($1)`, [
    jobQueues.incrementalSync,
    jobQueues.reconcile,
  ]);
  // No quiet hours: the run may be at any hour.
  await db.alertSettings.upsert({
    where: { id: 1 },
    create: { quietFrom: 0, quietTo: 0 },
    update: { quietFrom: 0, quietTo: 0 },
  });
  // A second instance of the same deployment: same database, key and address.
  secondDataDir = await mkdtemp(path.join(os.tmpdir(), 'flowpilot-e2e-second-'));
  second = runLauncher({
    PORT: String(secondPort),
    HOST: '127.0.0.1',
    APP_URL: stack.baseUrl,
    DATABASE_URL: stack.databaseUrl,
    DATA_DIR: secondDataDir,
    ENCRYPTION_KEY: stack.encryptionKey,
  });
  await waitForOutput(second, /\[flowpilot\] ready: /, 180_000);
});

test.afterAll(async () => {
  await second?.stop();
  await rm(secondDataDir, { recursive: true, force: true });
  await db.portal.deleteMany({ where: { id: portalId } });
  await db.alertSettings.deleteMany();
  await db.$disconnect();
  await portal?.stop();
});

test.use({ storageState: storageStateFor('admin'), locale: 'en-US' });

/** Alert checks finished so far (each sync that succeeds queues one). */
async function alertChecksDone(): Promise<number> {
  const rows = await db.$queryRawUnsafe<{ count: bigint }[]>(
    `SELECT count(*) AS count FROM "${jobSchema}".job WHERE name = $1 AND state = 'completed'`,
    jobQueues.alertsCheck,
  );
  return Number(rows[0]!.count);
}

/** A sync through the API, then the alert check that follows it. */
async function syncAndCheck(request: APIRequestContext, kind: 'full' | 'incremental'): Promise<void> {
  const before = await alertChecksDone();
  const answer = await request.post('/api/sync', { data: { kind } });
  expect(answer.status()).toBe(202);
  const { run } = (await answer.json()) as { run: { id: string } };
  await expect
    .poll(async () => (await db.syncRun.findUniqueOrThrow({ where: { id: run.id } })).state, { timeout: 60_000 })
    .toBe('succeeded');
  await expect.poll(alertChecksDone, { timeout: 30_000 }).toBeGreaterThan(before);
}

const rest = (method: string, params: Record<string, unknown>) =>
  new Bitrix24Client({ connection: { kind: 'webhook', url: `${portal.url}/rest/${hook.userId}/${hook.code}/` } }).call(
    method,
    params,
  );

test('a queue alert fires once per episode, to the owner, with a link, and two instances send it once', async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);
  await syncAndCheck(request, 'full');
  const { id: flowId } = await db.flow.findFirstOrThrow({ where: { portalId, bitrixFlowId: 1 } });

  await page.goto(`/flows/${flowId}`);
  const alerts = page.getByRole('region', { name: 'Alerts in Bitrix24' });
  const queueRule = alerts.getByRole('listitem').filter({ hasText: 'Tasks in the queue more than' });
  await queueRule.getByRole('checkbox', { name: 'On' }).check();
  await queueRule.getByRole('spinbutton', { name: /Tasks in the queue more than: Threshold/ }).fill('3');
  await queueRule.getByRole('button', { name: 'Save' }).click();
  await expect(queueRule.getByText('Saved')).toBeVisible();
  await expect(queueRule).toContainText('Set in Flowpilot');

  await syncAndCheck(request, 'incremental');
  expect(portal.state.notifications).toHaveLength(1);
  const [first] = portal.state.notifications;
  expect(first!.userId).toBe(1);
  expect(first!.message).toContain('Поток «Оповещения»: в очереди 4 задачи — больше 3.');
  expect(first!.message).toContain(`[URL=${readStack().baseUrl}/flows/${flowId}]Открыть во Flowpilot[/URL]`);

  // Still over the threshold: the next sync tells nobody again.
  await syncAndCheck(request, 'incremental');
  expect(portal.state.notifications).toHaveLength(1);

  // The queue empties below the threshold, then fills again: a new episode, one more alert.
  for (const taskId of [1, 2]) await rest('tasks.task.start', { taskId });
  await syncAndCheck(request, 'incremental');
  expect(await db.alertEpisode.count({ where: { rule: { flowId }, clearedAt: { not: null } } })).toBe(1);
  expect(portal.state.notifications).toHaveLength(1);
  for (const taskId of [1, 2]) await rest('tasks.task.pause', { taskId });
  await syncAndCheck(request, 'incremental');
  expect(portal.state.notifications).toHaveLength(2);
  expect(portal.state.notifications.map((notification) => notification.userId)).toEqual([1, 1]);

  // Both instances took part in the checks, and the log says what was sent.
  expect(second.output()).toMatch(/\[flowpilot\] ready: /);
  await page.reload();
  const log = alerts.getByRole('table');
  await expect(log.getByRole('row').filter({ hasText: 'Delivered' })).toHaveCount(2);
  await expect(log).toContainText('Ирина Админова');
});

test('a threshold out of range is refused with a clear error and nothing is saved', async ({ page }) => {
  const { id: flowId } = await db.flow.findFirstOrThrow({ where: { portalId, bitrixFlowId: 1 } });
  await page.goto(`/flows/${flowId}`);
  const alerts = page.getByRole('region', { name: 'Alerts in Bitrix24' });
  const riskRule = alerts.getByRole('listitem').filter({ hasText: 'A task’s chance of running late over' });
  const threshold = riskRule.getByRole('spinbutton', { name: /Threshold/ });
  // The browser's own check stops 150 in the form (the server's schema refuses it too: lib/alerts/alerts.int.test.ts).
  await threshold.fill('150');
  await riskRule.getByRole('button', { name: 'Save' }).click();
  expect(await threshold.evaluate((input: HTMLInputElement) => input.validity.valid)).toBe(false);
  expect(await db.alertRule.count({ where: { flowId, kind: 'task_risk_over' } })).toBe(0);
});
