import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratedDatabase, type MigratedDatabase } from '@/lib/testing/migrated-database';
import { whileAnotherInstanceWrites } from '@/lib/testing/uncommitted-write';
import { resealLegacySecrets } from './reseal-secrets';
import { secretBox } from './secret-box';

const key = 'reseal-test-key-of-enough-length-0123456789';

/** A value as Flowpilot sealed it before values were bound to their column. */
function sealedTheOldWay(plain: string): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv(
    'aes-256-gcm',
    createHash('sha256').update(`flowpilot:secret-box:${key}`).digest(),
    nonce,
  );
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', nonce, cipher.getAuthTag(), body]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
}

let database: MigratedDatabase;
beforeAll(async () => {
  database = await migratedDatabase();
});
afterAll(() => database.drop());

describe('sealing old values again', () => {
  it('binds every old value to its column once, and leaves new ones alone', async () => {
    const { db } = database;
    const box = secretBox(key);
    const portal = await db.portal.create({
      data: {
        memberId: 'm',
        domain: 'p.test',
        kind: 'webhook',
        connection: {
          create: {
            kind: 'webhook',
            sealedWebhookUrl: sealedTheOldWay('https://p.test/rest/1/code/'),
            sealedApplicationToken: sealedTheOldWay('app-token'),
          },
        },
      },
    });
    await db.copilotSettings.create({ data: { id: 1, sealedProviderSecret: sealedTheOldWay('provider-key') } });
    // A new value cannot be opened the old way.
    expect(() => box.open(sealedTheOldWay('x'), 'portal_connection.sealedWebhookUrl')).toThrow('Not a sealed secret.');

    expect(await resealLegacySecrets(db, box)).toBe(3);
    const connection = await db.portalConnection.findUniqueOrThrow({ where: { portalId: portal.id } });
    expect(box.open(connection.sealedWebhookUrl!, 'portal_connection.sealedWebhookUrl')).toBe(
      'https://p.test/rest/1/code/',
    );
    expect(box.open(connection.sealedApplicationToken!, 'portal_connection.sealedApplicationToken')).toBe('app-token');
    const settings = await db.copilotSettings.findUniqueOrThrow({ where: { id: 1 } });
    expect(box.open(settings.sealedProviderSecret!, 'copilot_settings.sealedProviderSecret')).toBe('provider-key');
    expect(await resealLegacySecrets(db, box)).toBe(0);
  });

  it('keeps tokens another instance refreshed while this one seals the old ones again', async () => {
    const { db } = database;
    const box = secretBox(key);
    const portal = await db.portal.create({
      data: {
        memberId: 'm-oauth',
        domain: 'oauth.test',
        kind: 'oauth',
        connection: {
          create: {
            kind: 'oauth',
            sealedAccessToken: sealedTheOldWay('old-access'),
            sealedRefreshToken: sealedTheOldWay('old-refresh'),
          },
        },
      },
    });
    // An instance already running refreshes the tokens (a rolling upgrade) as this one starts.
    await whileAnotherInstanceWrites(
      database,
      (tx) =>
        tx.portalConnection.update({
          where: { portalId: portal.id },
          data: {
            sealedAccessToken: box.seal('their-access', 'portal_connection.sealedAccessToken'),
            sealedRefreshToken: box.seal('their-refresh', 'portal_connection.sealedRefreshToken'),
          },
        }),
      () => resealLegacySecrets(db, box),
    );
    const connection = await db.portalConnection.findUniqueOrThrow({ where: { portalId: portal.id } });
    expect(box.open(connection.sealedRefreshToken!, 'portal_connection.sealedRefreshToken')).toBe('their-refresh');
    expect(box.open(connection.sealedAccessToken!, 'portal_connection.sealedAccessToken')).toBe('their-access');
  });
});
