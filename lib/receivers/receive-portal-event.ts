import type PgBoss from 'pg-boss';
import { ApiError } from '@/lib/errors/api-error';
import type { PrismaClient } from '@/lib/db/client';
import { readLimitedBody } from '@/lib/http/read-limited-body';
import { jobQueues } from '@/lib/jobs/job-queues';
import { markAppUninstalled } from '@/lib/portals/app-uninstalled';
import { portalForEvent } from '@/lib/portals/portal-connection';
import type { SecretBox } from '@/lib/security/secret-box';
import { parsePortalEvent, PortalEventError } from '@/lib/sync/portal-events';

/** Task events are small (an id and the auth block); anything bigger is not one. */
const eventBodyLimit = 16_384;

const problem = (status: number, code: string, message: string) =>
  Response.json({ error: code, message }, { status, headers: { 'cache-control': 'no-store' } });

/**
 * The events endpoint: checks the body and the application token, records the event and wakes
 * the event job, then answers at once (the portal does not wait long and never retries).
 * ONAPPUNINSTALL ends an app connection at once (lib/portals/app-uninstalled.ts).
 * Nothing is written for a refused event.
 */
export async function receivePortalEvent(
  request: Request,
  deps: { db: PrismaClient; box: SecretBox; boss: () => Promise<PgBoss> },
): Promise<Response> {
  try {
    const body = await readLimitedBody(request, eventBodyLimit);
    const event = parsePortalEvent(body, request.headers.get('content-type') ?? '');
    const portal = await portalForEvent(deps.db, deps.box, event.sender);
    if (!portal) return problem(401, 'unknown_sender', 'The application token does not match a connected portal.');
    if (event.event === 'ONAPPUNINSTALL') {
      await markAppUninstalled(deps.db, portal.id);
      return Response.json({ ok: true });
    }
    await deps.db.portalEvent.create({
      data: { portalId: portal.id, event: event.event, bitrixTaskId: event.bitrixTaskId },
    });
    await (await deps.boss()).send(jobQueues.portalEvents, { portalId: portal.id }, { singletonKey: portal.id });
    return Response.json({ ok: true });
  } catch (error) {
    if (error instanceof ApiError) return problem(error.status, error.code, error.message);
    if (error instanceof PortalEventError) return problem(400, 'invalid_event', error.message);
    console.error('portal event intake failed', error instanceof Error ? error.message : error);
    return problem(500, 'internal_error', 'The event could not be recorded; the next reconciliation will catch up.');
  }
}
