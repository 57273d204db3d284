import { encodePhpQuery } from '../php-query';
import type { PortalState } from './portal-state';

export type TaskEvent = 'ONTASKADD' | 'ONTASKUPDATE' | 'ONTASKDELETE';

/** The `data` of a task event (reference §8.1): only the id, and the literal string "undefined" where there is nothing. */
function eventData(event: TaskEvent, taskId: number) {
  const id = { ID: String(taskId) };
  if (event === 'ONTASKADD') return { FIELDS_BEFORE: 'undefined', FIELDS_AFTER: id, IS_ACCESSIBLE_BEFORE: 'N', IS_ACCESSIBLE_AFTER: 'undefined' };
  if (event === 'ONTASKDELETE') return { FIELDS_BEFORE: id, FIELDS_AFTER: 'undefined', IS_ACCESSIBLE_BEFORE: 'undefined', IS_ACCESSIBLE_AFTER: 'N' };
  return { FIELDS_BEFORE: id, FIELDS_AFTER: id, IS_ACCESSIBLE_BEFORE: 'undefined', IS_ACCESSIBLE_AFTER: 'undefined' };
}

/**
 * Posts an event to every bound handler, form-encoded with PHP brackets, once: no retries, as
 * Bitrix24 delivers them. `drop` decides per delivery whether it is lost on the way.
 */
export function deliverTaskEvent(state: PortalState, baseUrl: string, event: TaskEvent, taskId: number, drop: () => boolean): Promise<void>[] {
  return state.eventBindings
    .filter((binding) => binding.event === event)
    .map(async (binding) => {
      if (drop()) return;
      const body = encodePhpQuery({
        event,
        event_handler_id: binding.id,
        data: eventData(event, taskId),
        ts: Math.floor(Date.now() / 1000),
        auth: {
          domain: state.company.header.domain,
          client_endpoint: `${baseUrl}/rest/`,
          server_endpoint: `${baseUrl}/rest/`,
          member_id: state.company.header.memberId,
          application_token: binding.applicationToken,
        },
      });
      try {
        await fetch(binding.handler, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body, signal: AbortSignal.timeout(5_000) });
      } catch {
        // Fire and forget: a handler that is down simply misses the event.
      }
    });
}
