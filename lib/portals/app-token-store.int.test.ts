import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertPortal } from '@/lib/metrics/testing/mirror-fixture';
import { secretBox } from '@/lib/security/secret-box';
import { migratedDatabase, type MigratedDatabase } from '@/lib/testing/migrated-database';
import { appTokenStore } from './app-token-store';

/**
 * Two instances refresh one app connection's tokens: Bitrix24 answers the refresh token once
 * ("retain it instead of the previous one", b24restdocs settings/oauth/auto-renewal.md), so the
 * instance that comes second is refused and must take the pair the first one stored.
 */
const box = secretBox('integration-test-key-0123456789-abcdef');
let database: MigratedDatabase;
let oauth: http.Server;
let oauthUrl: string;
let onRefresh: () => Promise<void> = async () => {};

const seal = (accessToken: string, refreshToken: string, expiresAt: Date) => ({
  sealedAccessToken: box.seal(accessToken, 'portal_connection.sealedAccessToken'),
  sealedRefreshToken: box.seal(refreshToken, 'portal_connection.sealedRefreshToken'),
  accessTokenExpiresAt: expiresAt,
});

beforeAll(async () => {
  database = await migratedDatabase();
  // An OAuth server that has already honoured this refresh token for another instance.
  oauth = http.createServer((_request, response) => {
    void onRefresh().then(() =>
      response
        .writeHead(400, { 'content-type': 'application/json' })
        .end(JSON.stringify({ error: 'invalid_grant', error_description: 'Invalid refresh token' })),
    );
  });
  await new Promise<void>((resolve) => oauth.listen(0, '127.0.0.1', resolve));
  oauthUrl = `http://127.0.0.1:${(oauth.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => oauth?.close(resolve));
  await database?.drop();
});

describe('refreshing an app connection’s tokens', () => {
  it('takes the pair another instance stored when the OAuth server refuses the refresh token it just used', async () => {
    const portalId = await insertPortal(database.db);
    await database.db.portalConnection.create({
      data: { portalId, kind: 'oauth', ...seal('old-access', 'old-refresh', new Date(Date.now() - 1_000)) },
    });
    onRefresh = async () => {
      await database.db.portalConnection.update({
        where: { portalId },
        data: seal('their-access', 'their-refresh', new Date(Date.now() + 3_600_000)),
      });
    };
    const store = appTokenStore(database.db, box, portalId, {
      clientId: 'app.1',
      clientSecret: 'secret',
      serverUrl: oauthUrl,
    });
    expect(await store.current()).toEqual({ accessToken: 'their-access', refreshToken: 'their-refresh' });
  });

  it('still says to install the app again when nobody refreshed and the token is refused', async () => {
    const portalId = await insertPortal(database.db);
    await database.db.portalConnection.create({
      data: { portalId, kind: 'oauth', ...seal('old-access', 'old-refresh', new Date(Date.now() - 1_000)) },
    });
    onRefresh = async () => {};
    const store = appTokenStore(database.db, box, portalId, {
      clientId: 'app.1',
      clientSecret: 'secret',
      serverUrl: oauthUrl,
    });
    await expect(store.current()).rejects.toThrow(/HTTP 400 invalid_grant\); install the app again/);
  });
});
