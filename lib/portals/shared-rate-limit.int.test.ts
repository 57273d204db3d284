import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RetryNotice } from '@/lib/bitrix24/client';
import { startDemoPortal, type DemoPortal } from '@/lib/demo-portal/server';
import { fixtureCompany, fixtureFlow } from '@/lib/demo-portal/testing/fixture-company';
import { secretBox } from '@/lib/security/secret-box';
import { migratedDatabase, type MigratedDatabase } from '@/lib/testing/migrated-database';

/**
 * Two app instances on one database call one portal: each instance is a fresh copy of the
 * portal-connection module (its own process, as far as in-process state goes). Real time on
 * purpose: the demo portal's bucket drains by the wall clock at Bitrix24's standard 50 and 2/s.
 */
let database: MigratedDatabase;
let portal: DemoPortal;
let portalId: string;
const box = secretBox('shared-rate-limit-encryption-key-of-length');

beforeAll(async () => {
  database = await migratedDatabase();
  portal = await startDemoPortal({ company: fixtureCompany({ flows: [fixtureFlow(1)] }) });
  const { saveWebhookConnection } = await import('./portal-connection');
  ({ portalId } = await saveWebhookConnection(database.db, box, {
    identity: {
      memberId: 'shared-limit',
      domain: 'shared-limit.bitrix24.test',
      kind: 'webhook',
      timeZoneOffset: '+03:00',
    },
    webhookUrl: portal.webhookUrl,
    applicationToken: 'shared-limit-application-token',
    scopes: ['task', 'user'],
  }));
});
afterAll(async () => {
  await portal?.stop();
  await database?.drop();
});

/** A client of the portal as a separate instance makes it. */
async function instanceClient(notices: RetryNotice[]) {
  vi.resetModules();
  const { portalClient } = await import('./portal-connection');
  return portalClient(database.db, box, portalId, { onRetry: (notice) => notices.push(notice) });
}

describe('one rate limit per portal across instances', () => {
  it('two instances calling at once stay inside the portal bucket together', { timeout: 60_000 }, async () => {
    const notices: RetryNotice[] = [];
    const [first, second] = [await instanceClient(notices), await instanceClient(notices)];
    expect(first.limiter).not.toBe(second.limiter);
    const started = Date.now();
    await Promise.all(
      [first, second].flatMap((client) => Array.from({ length: 30 }, () => client.call('server.time'))),
    );
    // 60 calls against a bucket of 50: the portal refused none, because the two waited for each other.
    expect(notices.filter((notice) => notice.error.kind === 'rate-limited')).toEqual([]);
    expect(portal.limits.refused).toBe(0);
    expect(Date.now() - started).toBeGreaterThan(4_000);
  });

  it('a refusal seen by one instance lowers the estimate both count by', async () => {
    const [first, second] = [await instanceClient([]), await instanceClient([])];
    await first.call('server.time');
    await first.limiter.refused();
    const lowered = await database.db.portalRateBucket.findUniqueOrThrow({ where: { portalId } });
    // Full, and smaller and slower than the preset (50, 2/s): what the next turn of either reads.
    expect(lowered.capacity).toBeLessThan(50);
    expect(lowered.drain).toBeLessThan(2);
    expect(lowered.level).toBe(lowered.capacity);
    await second.call('server.time');
    const after = await database.db.portalRateBucket.findUniqueOrThrow({ where: { portalId } });
    expect(after.level).toBeLessThanOrEqual(after.capacity);
  });
});
