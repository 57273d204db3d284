import type { PrismaClient } from '@/lib/db/client';
import { bitrix24AppKeys, env, type Env } from '@/lib/env';
import type { SecretBox } from '@/lib/security/secret-box';
import type { AppKeys } from './app-token-store';

/**
 * The keys an app connection refreshes its tokens with. Bitrix24 shows a local application's
 * client_id and client_secret only after the app is saved, which is after it has posted the
 * installation, so an admin enters them in Settings afterwards; the deployment's
 * BITRIX24_OAUTH_* keys are the fallback. Either way the refresh goes to the connection's OAuth
 * server (lib/portals/install-app-connection.ts decides which), never elsewhere.
 */
export type AppKeysSource = 'connection' | 'environment' | 'missing';

export const appSecretColumn = 'portal_connection.sealedAppClientSecret';

export function serverOf(connection: { oauthServerUrl: string | null }, config: Env): string {
  return (connection.oauthServerUrl ?? config.BITRIX24_OAUTH_SERVER_URL).replace(/\/+$/, '');
}

export async function appKeysFor(
  db: PrismaClient,
  box: SecretBox,
  portalId: string,
  config: Env = env(),
): Promise<{ keys: AppKeys | null; source: AppKeysSource }> {
  const connection = await db.portalConnection.findUnique({
    where: { portalId },
    select: { appClientId: true, sealedAppClientSecret: true, oauthServerUrl: true },
  });
  if (!connection) return { keys: null, source: 'missing' };
  if (connection.appClientId && connection.sealedAppClientSecret) {
    return {
      keys: {
        clientId: connection.appClientId,
        clientSecret: box.open(connection.sealedAppClientSecret, appSecretColumn),
        serverUrl: serverOf(connection, config),
      },
      source: 'connection',
    };
  }
  const deployment = bitrix24AppKeys(config);
  return deployment
    ? { keys: { ...deployment, serverUrl: serverOf(connection, config) }, source: 'environment' }
    : { keys: null, source: 'missing' };
}
