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
    const changed = (Object.keys(data) as (keyof typeof data)[]).filter((name) => data[name] !== connection[name]);
    if (changed.length === 0) continue;
    // Only where each value is still the one read: an instance already running may have
    // refreshed the tokens meanwhile, and its new (bound) values must stay.
    const { count } = await db.portalConnection.updateMany({
      where: { portalId: connection.portalId, ...Object.fromEntries(changed.map((name) => [name, connection[name]])) },
      data: Object.fromEntries(changed.map((name) => [name, data[name]])),
    });
    resealed += count * changed.length;
  }
  const settings = await db.copilotSettings.findUnique({ where: { id: 1 }, select: { sealedProviderSecret: true } });
  const providerSecret = again(settings?.sealedProviderSecret ?? null, 'copilot_settings.sealedProviderSecret');
  if (settings && providerSecret !== settings.sealedProviderSecret) {
    const { count } = await db.copilotSettings.updateMany({
      where: { id: 1, sealedProviderSecret: settings.sealedProviderSecret },
      data: { sealedProviderSecret: providerSecret },
    });
    resealed += count;
  }
  return resealed;
}
