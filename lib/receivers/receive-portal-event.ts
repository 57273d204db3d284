import type PgBoss from 'pg-boss';
import type { PrismaClient } from '@/lib/db/client';
import { jobQueues } from '@/lib/jobs/job-queues';
import { markAppUninstalled } from '@/lib/portals/app-uninstalled';
import type { SecretBox } from '@/lib/security/secret-box';
import { withPortalToken } from './with-portal-token';

/**
 * The events endpoint: records the event and wakes the event job, then answers at once (the portal
 * does not wait long and never retries). ONAPPUNINSTALL ends an app connection at once
 * (lib/portals/app-uninstalled.ts). Nothing is written for a refused event.
 */
export function receivePortalEvent(
  request: Request,
  deps: { db: PrismaClient; box: SecretBox; boss: () => Promise<PgBoss> },
): Promise<Response> {
  return withPortalToken(deps, async (event, portal) => {
    if (event.event === 'ONAPPUNINSTALL') {
      await markAppUninstalled(deps.db, portal.id);
      return Response.json({ ok: true });
    }
    await deps.db.portalEvent.create({
      data: { portalId: portal.id, event: event.event, bitrixTaskId: event.bitrixTaskId },
    });
    await (await deps.boss()).send(jobQueues.portalEvents, { portalId: portal.id }, { singletonKey: portal.id });
    return Response.json({ ok: true });
  })(request);
}
