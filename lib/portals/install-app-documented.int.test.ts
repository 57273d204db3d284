import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { encodePhpQuery } from '@/lib/bitrix24/php-query';
import { onAppInstall } from '@/lib/bitrix24/testing/documented/event-posts';
import { eventBind, handlerAlreadyExists } from '@/lib/bitrix24/testing/documented/events';
import { appInfo, profile, serverTime } from '@/lib/bitrix24/testing/documented/system';
import { documentedTransport } from '@/lib/bitrix24/testing/documented-transport';
import { secretBox } from '@/lib/security/secret-box';
import { migratedDatabase, type MigratedDatabase } from '@/lib/testing/migrated-database';
import { installAppConnection, issueInstallState } from './install-app-connection';

/**
 * The installation on the answers the REST docs print, without the demo portal: the documented
 * ONAPPINSTALL post (b24restdocs `api-reference/common/events/on-app-install.md`), then app.info,
 * profile, server.time and event.bind as their pages show them.
 */
const box = secretBox('integration-test-key-0123456789-abcdef');
const eventsUrl = 'https://flowpilot.example/api/bitrix24/events';
let database: MigratedDatabase;
let adminId: string;

beforeAll(async () => {
  database = await migratedDatabase();
  adminId = (await database.db.user.create({ data: { email: 'admin@example.test', name: 'Admin', role: 'admin' } })).id;
});
afterAll(async () => {
  await database.drop();
});

async function install(bind: typeof eventBind) {
  const transport = documentedTransport({
    'app.info': appInfo,
    profile,
    'server.time': serverTime,
    'event.bind': bind,
  });
  const state = await issueInstallState(database.db, adminId);
  const result = await installAppConnection(
    database.db,
    box,
    {
      state,
      body: encodePhpQuery(onAppInstall.payload as Record<string, unknown>),
      contentType: 'application/x-www-form-urlencoded',
    },
    { eventsUrl, startSync: vi.fn(async () => ({ started: true })), client: { fetch: transport.fetch } },
  );
  const portal = await database.db.portal.findUniqueOrThrow({
    where: { id: result.portalId },
    include: { connection: true },
  });
  return { result, portal, calls: transport.calls };
}

describe('installing on documented answers', () => {
  it('stores the portal by its member id with the server offset, and binds the four events', async () => {
    const { result, portal, calls } = await install(eventBind);
    expect(result).toMatchObject({ eventsBound: true, syncStarted: true });
    expect(portal).toMatchObject({
      memberId: 'a223c6b3710f85df22e9377d6c4f7553',
      domain: 'some-domain.bitrix24.com',
      kind: 'oauth',
      timeZoneOffset: '+00:00',
    });
    expect(portal.connection).toMatchObject({
      restEndpoint: 'https://some-domain.bitrix24.com/rest/',
      scopes: ['imbot'],
      lastError: null,
    });
    expect(calls.filter((call) => call.method === 'event.bind').map((call) => call.params.event)).toEqual([
      'ONTASKADD',
      'ONTASKUPDATE',
      'ONTASKDELETE',
      'ONAPPUNINSTALL',
    ]);
  });

  it('installed again while its handlers are still bound: "Handler already exists" means bound', async () => {
    const { result, portal, calls } = await install(handlerAlreadyExists);
    expect(result.eventsBound).toBe(true);
    expect(portal.connection?.lastError).toBeNull();
    expect(calls.filter((call) => call.method === 'event.bind')).toHaveLength(4);
  });
});
