import { z } from 'zod';
import { parsePhpQuery, PhpQueryError } from '@/lib/bitrix24/php-query';
import type { EventSender } from '@/lib/portals/portal-connection';

/**
 * The task events a portal posts (docs/bitrix24.md, "Task events"): form-encoded with PHP brackets, carrying only
 * the task id and, in `auth`, the portal's member id and the application token that proves the
 * post came from the portal. An installed app also gets ONAPPUNINSTALL, whose only proof is the
 * application token (b24restdocs `api-reference/common/events/on-app-uninstall.md`,
 * `api-reference/events/safe-event-handlers.md`).
 */
const taskRef = z.object({ ID: z.coerce.number().int().positive() });

export const portalEventSchema = z.object({
  event: z
    .string()
    .transform((name) => name.toUpperCase())
    .pipe(z.enum(['ONTASKADD', 'ONTASKUPDATE', 'ONTASKDELETE', 'ONAPPUNINSTALL'])),
  data: z.object({
    FIELDS_AFTER: z.union([taskRef, z.literal('undefined')]).optional(),
    FIELDS_BEFORE: z.union([taskRef, z.literal('undefined')]).optional(),
  }),
  auth: z.object({
    member_id: z.string().min(1).max(200),
    application_token: z.string().min(1).max(200),
    domain: z.string().max(300).optional(),
  }),
});

export type PortalEventPost =
  | { event: 'ONTASKADD' | 'ONTASKUPDATE' | 'ONTASKDELETE'; bitrixTaskId: number; sender: EventSender }
  | { event: 'ONAPPUNINSTALL'; sender: EventSender };

export class PortalEventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PortalEventError';
  }
}

/** Reads an event post (form-encoded as Bitrix24 sends it, or JSON); throws PortalEventError with what is wrong. */
export function parsePortalEvent(body: string, contentType: string): PortalEventPost {
  let fields: unknown;
  if (contentType.includes('application/json')) {
    try {
      fields = JSON.parse(body);
    } catch {
      throw new PortalEventError('The body is not valid JSON.');
    }
  } else {
    try {
      fields = parsePhpQuery(body);
    } catch (error) {
      if (error instanceof PhpQueryError) throw new PortalEventError(error.message);
      throw error;
    }
  }
  const parsed = portalEventSchema.safeParse(fields);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new PortalEventError(`Not a Bitrix24 task event: ${issue.path.join('.') || 'body'}: ${issue.message}.`);
  }
  const { event, data, auth } = parsed.data;
  const sender = { memberId: auth.member_id, domain: auth.domain ?? null, applicationToken: auth.application_token };
  if (event === 'ONAPPUNINSTALL') return { event, sender };
  const ref = [data.FIELDS_AFTER, data.FIELDS_BEFORE].find((value) => typeof value === 'object');
  if (!ref || typeof ref !== 'object')
    throw new PortalEventError('The event names no task (data[FIELDS_AFTER][ID] or data[FIELDS_BEFORE][ID]).');
  return { event, bitrixTaskId: ref.ID, sender };
}
