import net from 'node:net';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { createPrismaClient, type PrismaClient } from '@/lib/db/client';
import { jobSchema } from '@/lib/jobs/boss-clients';
import { jobQueues } from '@/lib/jobs/job-queues';
import { encodePhpQuery } from '@/lib/bitrix24/php-query';
import { saveWebhookConnection } from '@/lib/portals/portal-connection';
import { secretBox } from '@/lib/security/secret-box';
import { readStack, storageStateFor } from './support/stack';

/**
 * The sync and event route handlers over HTTP against the running app: bad input of every kind
 * gets a 4xx with a message and changes nothing; good input is recorded; the header shows a
 * running sync. A portal of its own (unreachable on purpose) keeps the seeded one untouched.
 */
const memberId = 'e2e-events-portal';
const applicationToken = 'e2e-application-token-0123456789';
let db: PrismaClient;
let portalId: string;
const unreachableWebhookUrl = 'http://127.0.0.1:9/rest/1/e2e-unreachable/';

/** Connects (or reconnects) the spec's own portal with its webhook at `webhookUrl`. */
async function connectPortalAt(webhookUrl: string): Promise<string> {
  const saved = await saveWebhookConnection(db, secretBox(readStack().encryptionKey), {
    identity: { memberId, domain: 'events.bitrix24.test', kind: 'webhook', timeZoneOffset: '+03:00' },
    webhookUrl,
    applicationToken,
    scopes: ['task', 'user'],
  });
  return saved.portalId;
}

test.beforeAll(async () => {
  const stack = readStack();
  db = createPrismaClient(stack.databaseUrl);
  portalId = await connectPortalAt(unreachableWebhookUrl);
  // The stack's scheduled syncs would start runs for this connected portal in the middle of a
  // test that holds its own run; this spec starts every run it looks at itself.
  await db.$executeRawUnsafe(`DELETE FROM "${jobSchema}".schedule WHERE name = ANY($1)`, [
    jobQueues.incrementalSync,
    jobQueues.reconcile,
  ]);
});

test.afterAll(async () => {
  await db.portal.delete({ where: { id: portalId } });
  await db.$disconnect();
});

const eventBody = (overrides: { token?: string; member?: string; taskId?: number } = {}) =>
  encodePhpQuery({
    event: 'ONTASKUPDATE',
    event_handler_id: 1,
    data: {
      FIELDS_BEFORE: { ID: String(overrides.taskId ?? 4242) },
      FIELDS_AFTER: { ID: String(overrides.taskId ?? 4242) },
    },
    ts: Math.floor(Date.now() / 1000),
    auth: {
      domain: 'events.bitrix24.test',
      member_id: overrides.member ?? memberId,
      application_token: overrides.token ?? applicationToken,
    },
  });

const form = { 'content-type': 'application/x-www-form-urlencoded' };

test('POST /api/bitrix24/events refuses a wrong method, malformed bodies, a wrong token and a huge body, recording nothing', async ({
  request,
}) => {
  const recorded = () => db.portalEvent.count({ where: { portalId } });
  const before = await recorded();

  expect((await request.get('/api/bitrix24/events')).status()).toBe(405);
  const garbage = await request.post('/api/bitrix24/events', { headers: form, data: 'hello=world' });
  expect(garbage.status()).toBe(400);
  expect((await garbage.json()).message).toMatch(/^Not a Bitrix24 task event/);
  const badJson = await request.post('/api/bitrix24/events', {
    headers: { 'content-type': 'application/json' },
    data: Buffer.from('{"event":'),
  });
  expect(badJson.status()).toBe(400);
  expect((await badJson.json()).message).toBe('The body is not valid JSON.');
  const noTask = await request.post('/api/bitrix24/events', {
    headers: form,
    data: eventBody().replace(/data%5BFIELDS_(BEFORE|AFTER)%5D%5BID%5D=4242&?/g, ''),
  });
  expect(noTask.status()).toBe(400);
  const forged = await request.post('/api/bitrix24/events', {
    headers: form,
    data: eventBody({ token: 'forged-token' }),
  });
  expect(forged.status()).toBe(401);
  expect((await forged.json()).message).toBe('The application token does not match a connected portal.');
  expect(
    (
      await request.post('/api/bitrix24/events', { headers: form, data: eventBody({ member: 'someone-else' }) })
    ).status(),
  ).toBe(401);
  const huge = await request.post('/api/bitrix24/events', {
    headers: form,
    data: `${eventBody()}&padding=${'x'.repeat(100_000)}`,
  });
  expect(huge.status()).toBe(413);
  expect(await recorded()).toBe(before);

  const good = await request.post('/api/bitrix24/events', { headers: form, data: eventBody({ taskId: 777 }) });
  expect(good.status()).toBe(200);
  expect(await good.json()).toEqual({ ok: true });
  expect(await db.portalEvent.findMany({ where: { portalId }, select: { event: true, bitrixTaskId: true } })).toEqual([
    { event: 'ONTASKUPDATE', bitrixTaskId: 777 },
  ]);
});

test.describe('as an admin', () => {
  test.use({ storageState: storageStateFor('admin'), locale: 'en-US' });

  test('POST /api/sync refuses a wrong method, malformed JSON, an unknown kind, extra fields and a huge body, starting nothing', async ({
    request,
  }) => {
    const runs = () => db.syncRun.count({ where: { portalId } });
    expect((await request.get('/api/sync')).status()).toBe(405);
    // Raw bytes: Playwright would JSON-encode a string body sent as application/json.
    const post = (data: string) =>
      request.post('/api/sync', { headers: { 'content-type': 'application/json' }, data: Buffer.from(data) });
    const notJson = await post('kind=full');
    expect(notJson.status()).toBe(400);
    expect((await notJson.json()).message).toMatch(/JSON body/);
    expect((await post('{"kind":"everything"}')).status()).toBe(400);
    expect((await post('{"kind":"full","portalId":"x"}')).status()).toBe(400);
    expect((await post(JSON.stringify({ kind: 'full', padding: 'x'.repeat(10_000) }))).status()).toBe(413);
    expect(await runs()).toBe(0);
  });

  test("POST /api/sync is not a form a stranger's page can send: only JSON, only from Flowpilot's own origin", async ({
    request,
    baseURL,
  }) => {
    const runs = () => db.syncRun.count({ where: { portalId } });
    const body = Buffer.from('{"kind":"full"}');
    // What a cross-site <form enctype="text/plain"> or a simple fetch can send without asking first.
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const refused = await request.post('/api/sync', { headers: { 'content-type': contentType }, data: body });
      expect(refused.status(), contentType).toBe(415);
      expect(await refused.json()).toMatchObject({ error: 'unsupported_media_type' });
    }
    const crossSite = await request.post('/api/sync', {
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      data: body,
    });
    expect(crossSite.status()).toBe(403);
    expect(await crossSite.json()).toMatchObject({ error: 'cross_origin' });
    const fetchedCrossSite = await request.post('/api/sync', {
      headers: { 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' },
      data: body,
    });
    expect(fetchedCrossSite.status()).toBe(403);
    expect(await runs()).toBe(0);
    // Flowpilot's own page sends its origin: accepted.
    const own = await request.post('/api/sync', {
      headers: { 'content-type': 'application/json', origin: new URL(baseURL!).origin },
      data: Buffer.from('{"kind":"incremental"}'),
    });
    expect(own.status()).toBe(202);
    await db.syncRun.deleteMany({ where: { portalId } });
  });

  test('one sync per portal: a second request gets the running run; a lead may not start one', async ({
    request,
    playwright,
  }) => {
    const first = await request.post('/api/sync', { data: { kind: 'full' } });
    expect(first.status()).toBe(202);
    const started = await first.json();
    expect(started).toMatchObject({
      started: true,
      portal: { domain: 'events.bitrix24.test' },
      run: { kind: 'full', state: 'running' },
    });
    const second = await request.post('/api/sync', { data: { kind: 'incremental' } });
    expect(second.status()).toBe(200);
    expect(await second.json()).toMatchObject({ started: false, run: { id: started.run.id } });

    const lead: APIRequestContext = await playwright.request.newContext({
      baseURL: readStack().baseUrl,
      storageState: storageStateFor('lead'),
    });
    expect((await lead.post('/api/sync', { data: { kind: 'full' } })).status()).toBe(403);
    await lead.dispose();
    await db.syncRun.deleteMany({ where: { portalId } });
  });

  test('Settings → Bitrix24: "Sync now" starts a sync, the header shows it, and the buttons wait for it', async ({
    page,
  }) => {
    // A portal that takes the connection and never answers: the sync stays running while the
    // header is checked (a refused connection can end it between two polls of the header).
    const silent = net.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    await connectPortalAt(`http://127.0.0.1:${(silent.address() as net.AddressInfo).port}/rest/1/e2e-silent/`);
    try {
      await page.goto('/settings');
      const card = page.getByRole('region', { name: 'events.bitrix24.test', exact: true });
      await expect(card).toContainText('No sync has completed yet.');
      await card.getByRole('button', { name: 'Sync now' }).click();
      await expect(card.getByRole('status').filter({ hasText: 'Sync started' })).toHaveText(
        'Sync started; the bar under the header shows its progress.',
      );
      await expect(page.getByRole('progressbar', { name: /^Sync in progress/ })).toBeVisible();
      await expect(card.getByRole('button', { name: 'Full sync' })).toBeDisabled();
    } finally {
      await db.syncRun.deleteMany({ where: { portalId } });
      await connectPortalAt(unreachableWebhookUrl);
      silent.close();
    }
  });

  test('the header shows a running sync with its phase, counts and progress, and why the last one failed', async ({
    page,
  }) => {
    const run = await db.syncRun.create({
      data: {
        portalId,
        kind: 'full',
        phase: 'tasks',
        done: 1200,
        total: 6000,
        owner: 'e2e-holder',
        cursor: { phase: 'tasks', afterId: 1200, phaseStartedAt: new Date(Date.now() - 60_000).toISOString() },
      },
    });
    await page.goto('/overview');
    const bar = page.getByRole('progressbar', {
      name: /^Full sync in progress · tasks · 1,200 of 6,000 · done in 4 minutes$/,
    });
    await expect(bar).toBeVisible();
    await expect(bar).toHaveAttribute('aria-valuenow', '20');

    await db.syncRun.update({
      where: { id: run.id },
      data: {
        state: 'failed',
        error: 'Cannot reach events.bitrix24.test (ECONNREFUSED).',
        errorCode: 'portal-unreachable',
        finishedAt: new Date(),
      },
    });
    const alert = page.getByRole('alert').filter({ hasText: 'The last full sync failed.' });
    await expect(alert).toContainText('Cannot reach events.bitrix24.test (ECONNREFUSED).');
    await expect(bar).toHaveCount(0);
    await alert.getByRole('link', { name: 'Open settings' }).click();
    await expect(page).toHaveURL(/\/settings$/);
    await db.syncRun.delete({ where: { id: run.id } });
  });
});
