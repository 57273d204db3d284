import { ActionError } from '@/lib/errors/action-error';
import type { PrismaClient } from '@/lib/db/client';
import { env, type Env } from '@/lib/env';
import type { SecretBox } from '@/lib/security/secret-box';
import { appSecretColumn, serverOf } from './app-keys';
import { appTokenStore, type AppKeys } from './app-token-store';

/**
 * Stores an app connection's keys once they have proved themselves: the tokens are refreshed
 * with them at once (Bitrix24 answers a wrong id or secret with an error), and the new pair is
 * kept, so a mistyped secret is refused now rather than an hour later.
 */
export async function saveAppKeys(
  db: PrismaClient,
  box: SecretBox,
  portalId: string,
  input: { clientId: string; clientSecret: string },
  config: Env = env(),
): Promise<void> {
  const connection = await db.portalConnection.findUnique({
    where: { portalId },
    select: { kind: true, sealedRefreshToken: true, oauthServerUrl: true },
  });
  if (!connection) throw new ActionError('not-connected', 'This portal is not connected.');
  if (connection.kind !== 'oauth' || !connection.sealedRefreshToken)
    throw new ActionError('not-app', 'Keys belong to a portal connected as an app.');
  const keys: AppKeys = { ...input, serverUrl: serverOf(connection, config) };
  const store = appTokenStore(db, box, portalId, keys);
  try {
    await store.refresh(await store.current());
  } catch (error) {
    console.error(
      `[app keys] refresh with the entered keys failed: ${error instanceof Error ? error.message : String(error)}`,
    );
    throw new ActionError('app-keys-refused', "Bitrix24's OAuth server did not accept these keys.");
  }
  await db.portalConnection.update({
    where: { portalId },
    data: { appClientId: input.clientId, sealedAppClientSecret: box.seal(input.clientSecret, appSecretColumn) },
  });
}
