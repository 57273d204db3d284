import { z } from 'zod';
import type { PrismaClient } from '@/lib/db/client';
import { portalForEvent } from '@/lib/portals/portal-connection';
import type { SecretBox } from '@/lib/security/secret-box';
import { parsePortalEvent, PortalEventError, type PortalEventPost } from '@/lib/sync/portal-events';
import { receiverProblem, withBitrix24Post } from './with-bitrix24-post';

/** Task events are small (an id and the auth block); anything bigger is not one. */
const eventBodyLimit = 16_384;

/**
 * For the events endpoint: the post parsed as a Bitrix24 event and its application token matched
 * to a connected portal (401 when none has it) before the handler runs. Nothing reaches the
 * handler from a sender that did not prove itself.
 */
export function withPortalToken(
  deps: { db: PrismaClient; box: SecretBox },
  handler: (event: PortalEventPost, portal: { id: string }) => Promise<Response>,
): (request: Request) => Promise<Response> {
  return withBitrix24Post(
    {
      query: z.object({}),
      bodyLimit: eventBodyLimit,
      refusal: (error) =>
        error instanceof PortalEventError ? { status: 400, code: 'invalid_event', message: error.message } : null,
      failure: {
        log: 'portal event intake failed',
        message: 'The event could not be recorded; the next reconciliation will catch up.',
      },
    },
    async ({ body, contentType }) => {
      const event = parsePortalEvent(body, contentType);
      const portal = await portalForEvent(deps.db, deps.box, event.sender);
      if (!portal)
        return receiverProblem({
          status: 401,
          code: 'unknown_sender',
          message: 'The application token does not match a connected portal.',
        });
      return handler(event, portal);
    },
  );
}
