import { z } from 'zod';
import type { OAuthTokens, OAuthTokenStore } from '@/lib/bitrix24/client';
import { outboundFetch } from '@/lib/http/outbound-guard';
import type { PrismaClient } from '@/lib/db/client';
import type { SecretBox } from '@/lib/security/secret-box';

/**
 * The tokens of an app connection, sealed in portal_connection. The access token lives an hour
 * and is refreshed shortly before it expires (and by the client on `expired_token`); Bitrix24
 * replaces the refresh token every time, so the new pair is stored at once (b24restdocs
 * `settings/oauth/auto-renewal.md`). The refresh goes to the configured OAuth server with the
 * app's keys, never to an address an install post named: client_secret goes nowhere else.
 */
export type AppKeys = { clientId: string; clientSecret: string; serverUrl: string };

/** Refreshed when less than this is left, so a call never starts with a token about to expire. */
const refreshMarginMs = 5 * 60_000;

export const refreshAnswer = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  expires_in: z.coerce.number().int().positive(),
});

export class AppKeysMissingError extends Error {
  constructor() {
    super(
      "The app's access token has expired and Flowpilot has no keys to refresh it: set BITRIX24_OAUTH_CLIENT_ID and BITRIX24_OAUTH_CLIENT_SECRET to the local application's keys.",
    );
    this.name = 'AppKeysMissingError';
  }
}

/** One refresh at a time per portal in this process; other processes are caught by the conditional update and the re-read below. */
const refreshing = new Map<string, Promise<OAuthTokens>>();

export function appTokenStore(
  db: PrismaClient,
  box: SecretBox,
  portalId: string,
  keys: AppKeys | null,
  now: () => number = Date.now,
): OAuthTokenStore {
  async function read() {
    const row = await db.portalConnection.findUniqueOrThrow({
      where: { portalId },
      select: { sealedAccessToken: true, sealedRefreshToken: true, accessTokenExpiresAt: true },
    });
    if (!row.sealedAccessToken || !row.sealedRefreshToken) throw new Error('This connection has no app tokens.');
    return {
      sealedRefresh: row.sealedRefreshToken,
      expiresAt: row.accessTokenExpiresAt?.getTime() ?? 0,
      tokens: {
        accessToken: box.open(row.sealedAccessToken, 'portal_connection.sealedAccessToken'),
        refreshToken: box.open(row.sealedRefreshToken, 'portal_connection.sealedRefreshToken'),
      },
    };
  }

  async function refreshFrom(stale: OAuthTokens): Promise<OAuthTokens> {
    const stored = await read();
    // Someone refreshed since `stale` was read: the stored pair is the new one.
    if (stored.tokens.refreshToken !== stale.refreshToken) return stored.tokens;
    if (!keys) throw new AppKeysMissingError();
    const url = new URL(`${keys.serverUrl.replace(/\/+$/, '')}/oauth/token/`);
    url.search = new URLSearchParams({
      grant_type: 'refresh_token',
      client_id: keys.clientId,
      client_secret: keys.clientSecret,
      refresh_token: stale.refreshToken,
    }).toString();
    const response = await outboundFetch()(url, {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(15_000),
    });
    const body: unknown = await response.json().catch(() => null);
    const parsed = refreshAnswer.safeParse(body);
    if (!response.ok || !parsed.success) {
      // Another instance may have used this refresh token a moment ago: Bitrix24 then refuses it,
      // and the pair that instance stored is the one to use.
      const latest = await read();
      if (latest.tokens.refreshToken !== stale.refreshToken) return latest.tokens;
      const error = (body ?? {}) as { error?: unknown };
      throw new Error(
        `The OAuth server refused to refresh the app's token (HTTP ${response.status}${typeof error.error === 'string' ? ` ${error.error}` : ''}); install the app again.`,
      );
    }
    const fresh = { accessToken: parsed.data.access_token, refreshToken: parsed.data.refresh_token };
    const { count } = await db.portalConnection.updateMany({
      where: { portalId, sealedRefreshToken: stored.sealedRefresh },
      data: {
        sealedAccessToken: box.seal(fresh.accessToken, 'portal_connection.sealedAccessToken'),
        sealedRefreshToken: box.seal(fresh.refreshToken, 'portal_connection.sealedRefreshToken'),
        accessTokenExpiresAt: new Date(now() + parsed.data.expires_in * 1000),
      },
    });
    // Another process stored its own refresh first; theirs is the pair Bitrix24 now honours.
    return count === 1 ? fresh : (await read()).tokens;
  }

  function refresh(stale: OAuthTokens): Promise<OAuthTokens> {
    let running = refreshing.get(portalId);
    if (!running) {
      running = refreshFrom(stale).finally(() => refreshing.delete(portalId));
      refreshing.set(portalId, running);
    }
    return running;
  }

  return {
    async current() {
      const stored = await read();
      if (stored.expiresAt - now() > refreshMarginMs || !keys) return stored.tokens;
      return refresh(stored.tokens);
    },
    refresh,
  };
}
