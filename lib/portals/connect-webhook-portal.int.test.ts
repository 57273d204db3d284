import type PgBoss from 'pg-boss';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { syncDemoAccounts } from '@/lib/auth/demo-accounts';
import { startDemoPortal, type DemoPortal } from '@/lib/demo-portal/server';
import { fixtureCompany, fixtureFlow, fixtureTask } from '@/lib/demo-portal/testing/fixture-company';
import { secretBox } from '@/lib/security/secret-box';
import { requestSync } from '@/lib/jobs/request-sync';
import { migratedDatabase, type MigratedDatabase } from '@/lib/testing/migrated-database';
import { whileAnotherInstanceWrites } from '@/lib/testing/uncommitted-write';
import { connectWebhookPortal } from './connect-webhook-portal';
import { portalClient } from './portal-connection';
import {
  addManualFlowIds,
  disconnectPortal,
  listPortalSettings,
  recheckPortalConnection,
  removeManualFlowId,
} from './portal-settings';
import { parseWebhookUrl, type ParsedWebhookUrl } from './webhook-url';

/**
 * Connecting a portal end to end on a real database and the demo portal over HTTP: refusal
 * while something needed is missing, sealed storage, the demo portal's removal, the first sync
 * requested, then recheck, manual flow ids and disconnect.
 */
const box = secretBox('integration-test-key-0123456789-abcdef');
const company = fixtureCompany({
  flows: [fixtureFlow(3, { name: 'Поддержка' })],
  tasks: [fixtureTask(1, { flowId: '3' })],
});
const full = { userId: 1, code: 'fullaccess000001', scopes: ['basic', 'task', 'user', 'department', 'calendar', 'im'] };
const narrow = { userId: 1, code: 'narrowaccess0001', scopes: ['basic', 'task', 'user'] };

let database: MigratedDatabase;
let demo: DemoPortal;
let sent: { name: string; data: unknown }[];
const boss = {
  send: vi.fn(async (name: string, data: unknown) => void sent.push({ name, data })),
} as unknown as PgBoss;
const startSync = (portalId: string) => requestSync(database.db, boss, portalId, 'full');

function webhook(code: string): ParsedWebhookUrl {
  const parsed = parseWebhookUrl(`${demo.url}/rest/1/${code}/`);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

beforeAll(async () => {
  database = await migratedDatabase();
  demo = await startDemoPortal({ company, webhooks: [full, narrow] });
});
afterAll(async () => {
  await demo.stop();
  await database.drop();
});
beforeEach(() => {
  sent = [];
});

describe('connecting a portal by webhook', () => {
  it('refuses while a needed scope is missing, and stores nothing', async () => {
    const result = await connectWebhookPortal(database.db, box, { webhook: webhook(narrow.code) }, { startSync });
    expect(result.connected).toBe(false);
    expect(result.report.checks.find((check) => check.key === 'scope.department')).toMatchObject({
      status: 'missing',
      blocking: true,
    });
    expect(await database.db.portal.count()).toBe(0);
    expect(sent).toEqual([]);
  });

  it('replaces the demo portal: stores the connection sealed, removes the demo mirror and accounts, starts a full sync', async () => {
    const { db } = database;
    const demoPortal = await db.portal.create({
      data: { memberId: 'demo-member', domain: 'demo.flowpilot.local', kind: 'demo' },
    });
    await db.employee.create({ data: { portalId: demoPortal.id, bitrixUserId: 1, name: 'Анна' } });
    await syncDemoAccounts(db, 'demo-password-of-this-install');
    expect(await db.user.count({ where: { active: true } })).toBe(3);

    const result = await connectWebhookPortal(
      db,
      box,
      { webhook: webhook(full.code), applicationToken: ' outgoing-token-123 ' },
      { startSync },
    );
    if (!result.connected) throw new Error('expected a connection');
    expect(result).toMatchObject({ removedDemoPortals: 1, syncStarted: true });

    const domain = new URL(demo.url).host;
    const portal = await db.portal.findUniqueOrThrow({ where: { id: result.portalId }, include: { connection: true } });
    expect(portal).toMatchObject({ memberId: domain, domain, kind: 'webhook', timeZoneOffset: '+03:00' });
    expect(portal.connection).toMatchObject({ kind: 'webhook', scopes: full.scopes, lastError: null });
    expect(portal.connection?.sealedWebhookUrl).not.toContain(full.code);
    expect(box.open(portal.connection!.sealedWebhookUrl!, 'portal_connection.sealedWebhookUrl')).toBe(
      `${demo.url}/rest/1/${full.code}/`,
    );
    expect(box.open(portal.connection!.sealedApplicationToken!, 'portal_connection.sealedApplicationToken')).toBe(
      'outgoing-token-123',
    );

    expect(await db.portal.findUnique({ where: { id: demoPortal.id } })).toBeNull();
    expect(await db.employee.count({ where: { portalId: demoPortal.id } })).toBe(0);
    expect(await db.user.count({ where: { active: true } })).toBe(0);

    const runs = await db.syncRun.findMany({ where: { portalId: result.portalId } });
    expect(runs).toMatchObject([{ kind: 'full', state: 'running' }]);
    expect(sent).toEqual([{ name: 'sync-run', data: { runId: runs[0]!.id } }]);

    // The stored connection is what the sync uses.
    const client = await portalClient(db, box, result.portalId);
    expect((await client.call('scope')).result).toEqual(full.scopes);
  });

  it('reconnecting the same portal keeps its row, mirror and event token, and does not start a second sync', async () => {
    const { db } = database;
    const before = await db.portal.findFirstOrThrow({ where: { kind: 'webhook' } });
    const result = await connectWebhookPortal(db, box, { webhook: webhook(full.code) }, { startSync });
    expect(result).toMatchObject({ connected: true, portalId: before.id, syncStarted: false });
    const connection = await db.portalConnection.findUniqueOrThrow({ where: { portalId: before.id } });
    expect(box.open(connection.sealedApplicationToken!, 'portal_connection.sealedApplicationToken')).toBe(
      'outgoing-token-123',
    );
    expect(await db.portal.count()).toBe(1);
  });

  it('reuses a portal row that a Bitrix24 sign-in created for the same domain', async () => {
    const { db } = database;
    const other = await startDemoPortal({ company, webhooks: [full] });
    try {
      const domain = new URL(other.url).host;
      const signedIn = await db.portal.create({ data: { memberId: 'real-member-id-0001', domain, kind: 'oauth' } });
      const parsed = parseWebhookUrl(`${other.url}/rest/1/${full.code}/`);
      if (!parsed.ok) throw new Error(parsed.error);
      const result = await connectWebhookPortal(db, box, { webhook: parsed.value }, { startSync });
      expect(result).toMatchObject({ connected: true, portalId: signedIn.id });
      expect(await db.portal.findUniqueOrThrow({ where: { id: signedIn.id } })).toMatchObject({
        memberId: 'real-member-id-0001',
        kind: 'webhook',
      });
      await db.portal.delete({ where: { id: signedIn.id } });
    } finally {
      await other.stop();
    }
  });

  it('stays connected when the first sync cannot be requested', async () => {
    const { db } = database;
    await db.syncRun.deleteMany();
    const failing = vi.fn(async () => {
      throw new Error(`queue down while syncing ${demo.url}/rest/1/${full.code}/`);
    });
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const result = await connectWebhookPortal(db, box, { webhook: webhook(full.code) }, { startSync: failing });
      expect(result).toMatchObject({ connected: true, syncStarted: false });
      expect(logged.mock.calls.flat().join(' ')).not.toContain(full.code);
      expect(logged.mock.calls.flat().join(' ')).toContain('••••');
    } finally {
      logged.mockRestore();
    }
  });
});

describe('the connected portal in settings', () => {
  it('lists the portal without any secret', async () => {
    const [portal] = await listPortalSettings(database.db);
    expect(portal).toMatchObject({
      kind: 'webhook',
      manualFlowIds: [],
      connection: { kind: 'webhook', scopes: full.scopes, acceptsEvents: true, lastError: null },
    });
    expect(JSON.stringify(portal)).not.toMatch(new RegExp(`${full.code}|outgoing-token|sealed`));
  });

  it('rechecks with the stored webhook and records a revoked one as the last error', async () => {
    const { db } = database;
    const portal = await db.portal.findFirstOrThrow({ where: { kind: 'webhook' } });
    expect((await recheckPortalConnection(db, box, portal.id)).canConnect).toBe(true);
    demo.faults.revokedWebhooks.push(full.code);
    try {
      const report = await recheckPortalConnection(db, box, portal.id, { maxRetries: 0 });
      expect(report.checks[0]).toMatchObject({ problem: 'wrong-webhook' });
      const connection = await db.portalConnection.findUniqueOrThrow({ where: { portalId: portal.id } });
      expect(connection.lastError).toBe(
        'Not reachable: the portal does not accept this webhook (wrong, expired or deleted).',
      );
      expect(connection.scopes).toEqual(full.scopes);
    } finally {
      demo.faults.revokedWebhooks.length = 0;
    }
    await recheckPortalConnection(db, box, portal.id);
    expect((await db.portalConnection.findUniqueOrThrow({ where: { portalId: portal.id } })).lastError).toBeNull();
  });

  it('adds and removes flow ids by hand, each once, sorted', async () => {
    const { db } = database;
    const portal = await db.portal.findFirstOrThrow({ where: { kind: 'webhook' } });
    expect(await addManualFlowIds(db, portal.id, [40, 12])).toEqual([12, 40]);
    expect(await addManualFlowIds(db, portal.id, [12, 7])).toEqual([7, 12, 40]);
    expect(await removeManualFlowId(db, portal.id, 12)).toEqual([7, 40]);
    expect(await removeManualFlowId(db, portal.id, 999)).toEqual([7, 40]);
    expect((await db.portal.findUniqueOrThrow({ where: { id: portal.id } })).manualFlowIds).toEqual([7, 40]);
    await expect(addManualFlowIds(db, '00000000-0000-4000-8000-000000000000', [1])).rejects.toMatchObject({
      code: 'not-found',
    });
    await expect(
      addManualFlowIds(
        db,
        portal.id,
        Array.from({ length: 500 }, (_, index) => 1000 + index),
      ),
    ).rejects.toMatchObject({ code: 'too-many' });
  });

  it('keeps both admins’ flow ids when they add them at the same moment', async () => {
    const { db } = database;
    const portal = await db.portal.findFirstOrThrow({ where: { kind: 'webhook' } });
    await db.portal.update({ where: { id: portal.id }, data: { manualFlowIds: [] } });
    // The other admin's request has read the list, holding its row, and written 1 to it.
    const saved = await whileAnotherInstanceWrites(
      database,
      async (tx) => {
        await tx.$queryRaw`SELECT "manualFlowIds" FROM portal WHERE id = ${portal.id}::uuid FOR UPDATE`;
        await tx.portal.update({ where: { id: portal.id }, data: { manualFlowIds: [1] } });
      },
      () => addManualFlowIds(db, portal.id, [2]),
    );
    expect(saved).toEqual([1, 2]);
    expect((await db.portal.findUniqueOrThrow({ where: { id: portal.id } })).manualFlowIds).toEqual([1, 2]);
  });

  it('disconnects: the connection goes, the portal and its mirror stay', async () => {
    const { db } = database;
    const portal = await db.portal.findFirstOrThrow({ where: { kind: 'webhook' } });
    await db.flow.create({ data: { portalId: portal.id, bitrixFlowId: 3, name: 'Поддержка' } });
    await disconnectPortal(db, portal.id);
    expect(await db.portalConnection.count()).toBe(0);
    expect(await db.flow.count({ where: { portalId: portal.id } })).toBe(1);
    expect((await listPortalSettings(db))[0]).toMatchObject({ id: portal.id, connection: null, mirroredFlows: 1 });
    await expect(disconnectPortal(db, portal.id)).rejects.toMatchObject({ code: 'not-connected' });
    await expect(recheckPortalConnection(db, box, portal.id)).rejects.toMatchObject({ code: 'not-connected' });
  });
});
