import type PgBoss from 'pg-boss';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { userForBitrix24Profile } from '@/lib/auth/bitrix24-sign-in';
import { encodePhpQuery } from '@/lib/bitrix24/php-query';
import { saveWebhookConnection } from '@/lib/portals/portal-connection';
import { secretBox } from '@/lib/security/secret-box';
import { migratedDatabase, type MigratedDatabase } from '@/lib/testing/migrated-database';
import { receivePortalEvent } from './receive-portal-event';

/**
 * The events endpoint with a webhook-connected portal, fed the payload exactly as the docs show
 * it: the task event of b24restdocs `api-reference/tasks/events-tasks/on-task-update.md`, with
 * the auth block an outgoing webhook sends (b24restdocs `local-integrations/local-webhooks.md`:
 * `domain`, a 32-hex `member_id`, `application_token`), form-encoded as Bitrix24 posts it.
 * A webhook's REST answers carry no member_id, so the portal is stored under its domain until
 * the first genuine event tells its real one.
 */
const box = secretBox('integration-test-key-0123456789-abcdef');
const domain = 'some-domain.bitrix24.com';
const documentedMemberId = 'a223c6b3710f85df22e9377d6c4f7553';
const documentedToken = '51856fefc120afa4b628cc82d3935cce';

const documentedEvent = (auth: Partial<Record<'domain' | 'member_id' | 'application_token', string>> = {}) =>
  encodePhpQuery({
    event: 'ONTASKUPDATE',
    data: {
      FIELDS_BEFORE: { ID: 123 },
      FIELDS_AFTER: { ID: 123 },
      IS_ACCESSIBLE_BEFORE: 'undefined',
      IS_ACCESSIBLE_AFTER: 'undefined',
    },
    ts: '1466439714',
    auth: { domain, member_id: documentedMemberId, application_token: documentedToken, ...auth },
  });

let database: MigratedDatabase;
let portalId: string;
const boss = { send: vi.fn(async () => 'job') } as unknown as PgBoss;
const post = (body: string) =>
  receivePortalEvent(
    new Request('http://127.0.0.1/api/bitrix24/events', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    }),
    {
      db: database.db,
      box,
      boss: async () => boss,
    },
  );

beforeAll(async () => {
  database = await migratedDatabase();
});
afterAll(() => database.drop());
beforeEach(async () => {
  await database.db.portal.deleteMany();
  // As connectWebhookPortal stores a webhook portal: known by its domain only.
  ({ portalId } = await saveWebhookConnection(database.db, box, {
    identity: { memberId: domain, domain, kind: 'webhook', timeZoneOffset: '+03:00' },
    webhookUrl: `https://${domain}/rest/1/abcdef0123456789/`,
    applicationToken: documentedToken,
    scopes: ['task'],
  }));
});

describe('events from a webhook-connected portal', () => {
  it('accepts the documented event and learns the real member_id from it', async () => {
    const response = await post(documentedEvent());
    expect(response.status).toBe(200);
    expect(
      await database.db.portalEvent.findMany({ where: { portalId }, select: { event: true, bitrixTaskId: true } }),
    ).toEqual([{ event: 'ONTASKUPDATE', bitrixTaskId: 123 }]);
    expect(
      await database.db.portal.findUniqueOrThrow({ where: { id: portalId }, select: { memberId: true, domain: true } }),
    ).toEqual({ memberId: documentedMemberId, domain });
    // Once learnt, the portal is known by its member id: the next event matches on it.
    expect((await post(documentedEvent())).status).toBe(200);
  });

  it('refuses a wrong token and learns nothing from it', async () => {
    expect((await post(documentedEvent({ application_token: 'f'.repeat(32) }))).status).toBe(401);
    expect(await database.db.portal.findUniqueOrThrow({ where: { id: portalId }, select: { memberId: true } })).toEqual(
      { memberId: domain },
    );
    expect(await database.db.portalEvent.count()).toBe(0);
  });

  it("learns the portal's own domain when the webhook's address is another; a wrong token from there learns nothing", async () => {
    // A webhook made on the portal's own address (a custom domain) while events name the portal's domain.
    await database.db.portal.deleteMany();
    const webhookHost = 'crm.example.com';
    ({ portalId } = await saveWebhookConnection(database.db, box, {
      identity: { memberId: webhookHost, domain: webhookHost, kind: 'webhook', timeZoneOffset: '+03:00' },
      webhookUrl: `https://${webhookHost}/rest/1/abcdef0123456789/`,
      applicationToken: documentedToken,
      scopes: ['task'],
    }));
    expect((await post(documentedEvent({ application_token: 'f'.repeat(32) }))).status).toBe(401);
    expect(
      await database.db.portal.findUniqueOrThrow({ where: { id: portalId }, select: { memberId: true, domain: true } }),
    ).toEqual({ memberId: webhookHost, domain: webhookHost });
    expect((await post(documentedEvent())).status).toBe(200);
    expect(
      await database.db.portal.findUniqueOrThrow({ where: { id: portalId }, select: { memberId: true, domain: true } }),
    ).toEqual({ memberId: documentedMemberId, domain });
  });

  it('once the member id is learnt, refuses another member id even with the right token and domain', async () => {
    expect((await post(documentedEvent())).status).toBe(200);
    expect((await post(documentedEvent({ member_id: 'b'.repeat(32) }))).status).toBe(401);
  });

  it('keeps Bitrix24 sign-in finding the connected portal after the member id is learnt', async () => {
    const profile = { domain, bitrixUserId: 5, name: 'Ivan Petrov' };
    const before = await userForBitrix24Profile(
      database.db,
      { ...profile, memberId: documentedMemberId },
      { configuredPortalHost: null },
    );
    expect(before.ok).toBe(true);
    expect((await post(documentedEvent())).status).toBe(200);
    const after = await userForBitrix24Profile(
      database.db,
      { ...profile, memberId: documentedMemberId },
      { configuredPortalHost: null },
    );
    expect(after).toMatchObject({ ok: true, user: { id: before.ok ? before.user.id : '' } });
    expect(await database.db.portal.count()).toBe(1);
    // A stranger's portal with the same domain name but another member id gets nowhere.
    expect(
      await userForBitrix24Profile(
        database.db,
        { ...profile, memberId: 'c'.repeat(32) },
        { configuredPortalHost: null },
      ),
    ).toEqual({ ok: false, reason: 'other-portal' });
  });
});
