import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type PgBoss from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Bitrix24Client } from '@/lib/bitrix24/client';
import { startDemoPortal, type DemoPortal } from '@/lib/demo-portal/server';
import { fixtureCompany, fixtureFlow, fixtureMemberId, fixtureTask } from '@/lib/demo-portal/testing/fixture-company';
import { secretBox } from '@/lib/security/secret-box';
import { receivePortalEvent } from '@/lib/receivers/receive-portal-event';
import { migratedDatabase, type MigratedDatabase } from '@/lib/testing/migrated-database';
import { appKeysFor } from './app-keys';
import { saveAppKeys } from './save-app-keys';
import { eventsPath, installPath } from '@/lib/http/bitrix24-receiver-paths';
import { issueInstallState } from './install-app-connection';
import { portalClient } from './portal-connection';
import { receiveAppInstall } from '@/lib/receivers/receive-app-install';

/**
 * Connecting as a Bitrix24 local app end to end, on a real database and the demo portal over
 * HTTP: the portal's "Local application" form posts ONAPPINSTALL to the install URL
 * (b24restdocs `settings/app-installation/local-apps/installation-callback.md`), Flowpilot checks
 * the one-time state and the tokens, stores them sealed, binds events with event.bind, gets task
 * events, refreshes the tokens before they expire, and ONAPPUNINSTALL ends the connection.
 */
const box = secretBox('integration-test-key-0123456789-abcdef');
const company = fixtureCompany({ flows: [fixtureFlow(3)], tasks: [fixtureTask(1, { flowId: '3' })] });

let database: MigratedDatabase;
let demo: DemoPortal;
let app: http.Server;
let appUrl: string;
let adminId: string;
const startSync = vi.fn(async () => ({ started: true }));
const boss = { send: vi.fn(async () => 'job') } as unknown as PgBoss;

/** Flowpilot's two Bitrix24 endpoints, served by the same handlers as the routes. */
async function startApp(): Promise<void> {
  app = http.createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const request = new Request(`${appUrl}${incoming.url ?? '/'}`, {
        method: 'POST',
        headers: { 'content-type': String(incoming.headers['content-type'] ?? '') },
        body: Buffer.concat(chunks),
      });
      const path = new URL(request.url).pathname;
      const answer =
        path === installPath
          ? receiveAppInstall(request, database.db, box, { eventsUrl: `${appUrl}${eventsPath}`, startSync })
          : receivePortalEvent(request, { db: database.db, box, boss: async () => boss });
      void answer.then(async (response) =>
        outgoing.writeHead(response.status, { 'content-type': 'application/json' }).end(await response.text()),
      );
    });
  });
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
  appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
}

async function saveLocalApp(installUrl: string): Promise<string> {
  const response = await fetch(`${demo.url}/devops/local-apps/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams([
      ['name', 'Flowpilot'],
      ['handler', `${appUrl}/`],
      ['install', installUrl],
      ...['task', 'user', 'department', 'calendar', 'im'].map((scope) => ['scope[]', scope]),
    ]),
  });
  return response.text();
}

beforeAll(async () => {
  database = await migratedDatabase();
  demo = await startDemoPortal({ company });
  await startApp();
  adminId = (await database.db.user.create({ data: { email: 'admin@example.test', name: 'Admin', role: 'admin' } })).id;
});
afterAll(async () => {
  await new Promise((resolve) => app.close(resolve));
  await demo.stop();
  await database.drop();
});

describe('connecting as a Bitrix24 app', () => {
  it('refuses an installation post without a valid state, or with tokens the portal does not know, and stores nothing', async () => {
    const forged = `event=ONAPPINSTALL&auth[access_token]=forged&auth[refresh_token]=forged&auth[expires_in]=3600&auth[domain]=fixture.bitrix24.test&auth[client_endpoint]=${encodeURIComponent(`${demo.url}/rest/`)}&auth[member_id]=${fixtureMemberId}&auth[application_token]=x`;
    const post = (query: string, body = forged) =>
      fetch(`${appUrl}${installPath}${query}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
      });
    expect((await post('')).status).toBe(403);
    expect((await post('?state=made-up')).status).toBe(403);
    const state = await issueInstallState(database.db, adminId);
    expect((await post(`?state=${state}`, 'event=ONAPPINSTALL&auth[domain]=x')).status).toBe(400);
    const refused = await post(`?state=${state}`);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: 'tokens_refused' });
    // The state is spent by the refused attempt.
    expect((await post(`?state=${state}`)).status).toBe(403);
    expect(await database.db.portal.count()).toBe(0);
  });

  it('installs: stores the tokens sealed, binds the events, receives them, refreshes before expiry, and ONAPPUNINSTALL ends it keeping the mirror', async () => {
    const { db } = database;
    const state = await issueInstallState(db, adminId);
    const page = await saveLocalApp(`${appUrl}${installPath}?state=${state}`);
    expect(page).toContain('HTTP 200');
    const clientId = /data-key="client_id">([^<]+)</.exec(page)![1]!;
    const clientSecret = /data-key="client_secret">([^<]+)</.exec(page)![1]!;

    const portal = await db.portal.findUniqueOrThrow({
      where: { memberId: fixtureMemberId },
      include: { connection: true },
    });
    expect(portal).toMatchObject({
      domain: 'fixture.bitrix24.test',
      kind: 'oauth',
      timeZoneOffset: '+03:00',
      appUninstalledAt: null,
    });
    expect(portal.connection).toMatchObject({
      kind: 'oauth',
      sealedWebhookUrl: null,
      restEndpoint: `${demo.url}/rest/`,
      scopes: ['basic', 'task', 'user', 'department', 'calendar', 'im'],
      lastError: null,
    });
    const accessToken = box.open(portal.connection!.sealedAccessToken!, 'portal_connection.sealedAccessToken');
    expect(portal.connection!.sealedAccessToken).not.toContain(accessToken);
    expect(startSync).toHaveBeenCalledWith(portal.id);
    expect(demo.state.eventBindings.filter((b) => b.clientId === clientId).map((b) => [b.event, b.handler])).toEqual(
      ['ONTASKADD', 'ONTASKUPDATE', 'ONTASKDELETE', 'ONAPPUNINSTALL'].map((event) => [event, `${appUrl}${eventsPath}`]),
    );

    // The same link works once.
    expect(await saveLocalApp(`${appUrl}${installPath}?state=${state}`)).toContain('HTTP 403');

    // A task added on the portal arrives by the bound event.
    await new Bitrix24Client({ connection: { kind: 'webhook', url: demo.webhookUrl } }).call('tasks.task.add', {
      fields: { TITLE: 'Новая', FLOW_ID: 3 },
    });
    await demo.eventsSettled();
    expect(await db.portalEvent.findMany({ where: { portalId: portal.id }, select: { event: true } })).toEqual([
      { event: 'ONTASKADD' },
    ]);

    // The client works as the app, and a token about to expire is refreshed first, with the app's keys.
    await db.portalConnection.update({
      where: { portalId: portal.id },
      data: { accessTokenExpiresAt: new Date(Date.now() + 60_000) },
    });
    const client = await portalClient(db, box, portal.id, { appKeys: { clientId, clientSecret, serverUrl: demo.url } });
    expect((await client.call('profile')).result).toMatchObject({ ADMIN: true });
    const refreshed = await db.portalConnection.findUniqueOrThrow({ where: { portalId: portal.id } });
    expect(box.open(refreshed.sealedAccessToken!, 'portal_connection.sealedAccessToken')).not.toBe(accessToken);
    expect(refreshed.accessTokenExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 3_000_000);

    // The keys Bitrix24 showed are entered in Settings: a wrong secret is refused and nothing is kept;
    // the right ones are checked by a refresh at the portal's own OAuth server, then kept sealed.
    expect(refreshed.oauthServerUrl).toBe(demo.url);
    await expect(saveAppKeys(db, box, portal.id, { clientId, clientSecret: 'not-the-secret' })).rejects.toMatchObject({
      code: 'app-keys-refused',
    });
    expect(await db.portalConnection.findUniqueOrThrow({ where: { portalId: portal.id } })).toMatchObject({
      appClientId: null,
      sealedAppClientSecret: null,
    });
    await saveAppKeys(db, box, portal.id, { clientId, clientSecret });
    const keyed = await db.portalConnection.findUniqueOrThrow({ where: { portalId: portal.id } });
    expect(keyed.appClientId).toBe(clientId);
    expect(keyed.sealedAppClientSecret).not.toContain(clientSecret);
    expect(box.open(keyed.sealedAccessToken!, 'portal_connection.sealedAccessToken')).not.toBe(
      box.open(refreshed.sealedAccessToken!, 'portal_connection.sealedAccessToken'),
    );
    expect((await appKeysFor(db, box, portal.id)).source).toBe('connection');
    // From then on the client refreshes with the stored keys, nothing from the deployment needed.
    await db.portalConnection.update({
      where: { portalId: portal.id },
      data: { accessTokenExpiresAt: new Date(Date.now() + 60_000) },
    });
    expect((await (await portalClient(db, box, portal.id)).call('profile')).result).toMatchObject({ ADMIN: true });
    expect(
      (await db.portalConnection.findUniqueOrThrow({ where: { portalId: portal.id } })).accessTokenExpiresAt!.getTime(),
    ).toBeGreaterThan(Date.now() + 3_000_000);

    // Deleting the app on the portal posts ONAPPUNINSTALL: the connection goes, the portal and its mirror stay.
    const deleted = await fetch(`${demo.url}/devops/local-apps/delete`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: clientId }),
    });
    expect(deleted.status).toBe(200);
    await demo.eventsSettled();
    const after = await db.portal.findUniqueOrThrow({ where: { id: portal.id }, include: { connection: true } });
    expect(after.connection).toBeNull();
    expect(after.appUninstalledAt).toBeInstanceOf(Date);
    expect(await db.portalEvent.count({ where: { portalId: portal.id } })).toBe(1);
  });
});
