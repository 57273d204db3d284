import type { PrismaClient } from '@/lib/db/client';

/**
 * ONAPPUNINSTALL from an app connection (b24restdocs `api-reference/common/events/on-app-uninstall.md`):
 * the app's access is gone, so the connection goes (no more syncs or events) and a running sync
 * is ended; the portal row and its mirror stay, marked with when the app was removed, so pages
 * keep their history and Settings says what happened. A webhook connection ignores the event.
 */
export async function markAppUninstalled(db: PrismaClient, portalId: string, now = new Date()): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.portalConnection.deleteMany({ where: { portalId, kind: 'oauth' } });
    if (count === 0) return false;
    await tx.portal.update({ where: { id: portalId }, data: { appUninstalledAt: now } });
    await tx.syncRun.updateMany({
      where: { portalId, state: 'running' },
      data: {
        state: 'failed',
        error: 'The Bitrix24 app was uninstalled; the mirrored data is kept.',
        errorCode: 'not-connected',
        finishedAt: now,
      },
    });
    return true;
  });
}
