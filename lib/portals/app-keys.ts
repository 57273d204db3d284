import { ActionError } from '@/lib/auth/guards';
import type { PrismaClient } from '@/lib/db/client';
import { bitrix24AppKeys, env, type Env } from '@/lib/env';
import type { SecretBox } from '@/lib/security/secret-box';
import { appTokenStore, type AppKeys } from './app-token-store';

/**
 * The keys an app connection refreshes its tokens with. Bitrix24 shows a local application's
 * client_id and client_secret only after the app is saved, which is after it has posted the
 * installation, so an admin enters them in Settings afterwards; the deployment's
 * BITRIX24_OAUTH_* keys are the fallback. Either way the refresh goes to the connection's OAuth
 * server (lib/portals/install-app-connection.ts decides which), never elsewhere.
 */
export type AppKeysSource = 'connection' | 'environment' | 'missing';

const secretColumn = 'portal_connection.sealedAppClientSecret';

function serverOf(connection: { oauthServerUrl: string | null }, config: Env): string {
  return (connection.oauthServerUrl ?? config.BITRIX24_OAUTH_SERVER_URL).replace(/\/+$/, '');
}

export async function appKeysFor(db: PrismaClient, box: SecretBox, portalId: string, config: Env = env()): Promise<{ keys: AppKeys | null; source: AppKeysSource }> {
  const connection = await db.portalConnection.findUnique({ where: { portalId }, select: { appClientId: true, sealedAppClientSecret: true, oauthServerUrl: true } });
  if (!connection) return { keys: null, source: 'missing' };
  if (connection.appClientId && connection.sealedAppClientSecret) {
    return { keys: { clientId: connection.appClientId, clientSecret: box.open(connection.sealedAppClientSecret, secretColumn), serverUrl: serverOf(connection, config) }, source: 'connection' };
  }
  const deployment = bitrix24AppKeys(config);
  return deployment ? { keys: { ...deployment, serverUrl: serverOf(connection, config) }, source: 'environment' } : { keys: null, source: 'missing' };
}

/**
 * Stores an app connection's keys once they have proved themselves: the tokens are refreshed
 * with them at once (Bitrix24 answers a wrong id or secret with an error), and the new pair is
 * kept, so a mistyped secret is refused now rather than an hour later.
 */
export async function saveAppKeys(db: PrismaClient, box: SecretBox, portalId: string, input: { clientId: string; clientSecret: string }, config: Env = env()): Promise<void> {
  const connection = await db.portalConnection.findUnique({ where: { portalId }, select: { kind: true, sealedRefreshToken: true, oauthServerUrl: true } });
  if (!connection) throw new ActionError('not-connected', 'This portal is not connected.');
  if (connection.kind !== 'oauth' || !connection.sealedRefreshToken) throw new ActionError('not-app', 'Keys belong to a portal connected as an app.');
  const keys: AppKeys = { ...input, serverUrl: serverOf(connection, config) };
  const store = appTokenStore(db, box, portalId, keys);
  try {
    await store.refresh(await store.current());
  } catch (error) {
    console.error(`[app keys] refresh with the entered keys failed: ${error instanceof Error ? error.message : String(error)}`);
    throw new ActionError('app-keys-refused', "Bitrix24's OAuth server did not accept these keys.");
  }
  await db.portalConnection.update({ where: { portalId }, data: { appClientId: input.clientId, sealedAppClientSecret: box.seal(input.clientSecret, secretColumn) } });
}
