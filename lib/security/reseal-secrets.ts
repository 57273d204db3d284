import type { PrismaClient } from '@/lib/db/client';
import type { SealedColumn, SecretBox } from './secret-box';

/**
 * Seals again, bound to their column, the values sealed before columns were bound (`v1.`), so
 * that none is left that would open anywhere. Runs at every start; a no-op once done.
 */
export async function resealLegacySecrets(db: PrismaClient, box: SecretBox): Promise<number> {
  const again = (value: string | null, column: SealedColumn) =>
    value && box.isLegacy(value) ? box.seal(box.openLegacy(value), column) : value;
  let resealed = 0;
  const connections = await db.portalConnection.findMany({
    select: {
      portalId: true,
      sealedWebhookUrl: true,
      sealedAccessToken: true,
      sealedRefreshToken: true,
      sealedApplicationToken: true,
    },
  });
  for (const connection of connections) {
    const data = {
      sealedWebhookUrl: again(connection.sealedWebhookUrl, 'portal_connection.sealedWebhookUrl'),
      sealedAccessToken: again(connection.sealedAccessToken, 'portal_connection.sealedAccessToken'),
      sealedRefreshToken: again(connection.sealedRefreshToken, 'portal_connection.sealedRefreshToken'),
      sealedApplicationToken: again(connection.sealedApplicationToken, 'portal_connection.sealedApplicationToken'),
    };
    const changed = Object.entries(data).filter(
      ([name, value]) => value !== connection[name as keyof typeof data],
    ).length;
    if (changed === 0) continue;
    await db.portalConnection.update({ where: { portalId: connection.portalId }, data });
    resealed += changed;
  }
  const settings = await db.copilotSettings.findUnique({ where: { id: 1 }, select: { sealedProviderSecret: true } });
  const providerSecret = again(settings?.sealedProviderSecret ?? null, 'copilot_settings.sealedProviderSecret');
  if (providerSecret !== (settings?.sealedProviderSecret ?? null)) {
    await db.copilotSettings.update({ where: { id: 1 }, data: { sealedProviderSecret: providerSecret } });
    resealed += 1;
  }
  return resealed;
}
