import { encodePhpQuery } from '@/lib/bitrix24/php-query';
import type { EventBinding, PortalState } from './portal-state';

export type TaskEvent = 'ONTASKADD' | 'ONTASKUPDATE' | 'ONTASKDELETE';

/** The `data` of a task event (docs/bitrix24.md, "Task events"): only the id, and the literal string "undefined" where there is nothing. */
function eventData(event: TaskEvent, taskId: number) {
  const id = { ID: String(taskId) };
  if (event === 'ONTASKADD')
    return {
      FIELDS_BEFORE: 'undefined',
      FIELDS_AFTER: id,
      IS_ACCESSIBLE_BEFORE: 'N',
      IS_ACCESSIBLE_AFTER: 'undefined',
    };
  if (event === 'ONTASKDELETE')
    return {
      FIELDS_BEFORE: id,
      FIELDS_AFTER: 'undefined',
      IS_ACCESSIBLE_BEFORE: 'undefined',
      IS_ACCESSIBLE_AFTER: 'N',
    };
  return { FIELDS_BEFORE: id, FIELDS_AFTER: id, IS_ACCESSIBLE_BEFORE: 'undefined', IS_ACCESSIBLE_AFTER: 'undefined' };
}

/**
 * The `auth` block of a delivery. An outgoing webhook sends the domain, the member id and its
 * token (b24restdocs `local-integrations/local-webhooks.md`); an app's event also says where its
 * REST and OAuth servers are (`api-reference/common/events/on-app-uninstall.md`).
 */
function authBlock(state: PortalState, baseUrl: string, binding: EventBinding) {
  const identity = {
    domain: state.company.header.domain,
    member_id: state.memberId,
    application_token: binding.applicationToken,
  };
  return binding.clientId === null
    ? identity
    : { ...identity, client_endpoint: `${baseUrl}/rest/`, server_endpoint: `${baseUrl}/rest/`, status: 'L' };
}

/** One form-encoded POST, once: no retries, as Bitrix24 delivers them. The handler's HTTP status, or null when it did not answer. */
export async function postEvent(handler: string, body: Record<string, unknown>): Promise<number | null> {
  try {
    const response = await fetch(handler, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: encodePhpQuery(body),
      signal: AbortSignal.timeout(15_000),
    });
    await response.body?.cancel();
    return response.status;
  } catch {
    // Fire and forget: a handler that is down simply misses the event.
    return null;
  }
}

/** Posts an event to every bound handler. `drop` decides per delivery whether it is lost on the way. */
export function deliverTaskEvent(
  state: PortalState,
  baseUrl: string,
  event: TaskEvent,
  taskId: number,
  drop: () => boolean,
): Promise<void>[] {
  return state.eventBindings
    .filter((binding) => binding.event === event)
    .map(async (binding) => {
      if (drop()) return;
      await postEvent(binding.handler, {
        event,
        event_handler_id: binding.id,
        data: eventData(event, taskId),
        ts: Math.floor(Date.now() / 1000),
        auth: authBlock(state, baseUrl, binding),
      });
    });
}

/** ONAPPUNINSTALL to the app's handlers for it, with no tokens: the app's access is already gone (b24restdocs `api-reference/common/events/on-app-uninstall.md`). */
export function deliverUninstall(state: PortalState, baseUrl: string, removed: EventBinding[]): Promise<void>[] {
  return removed
    .filter((binding) => binding.event === 'ONAPPUNINSTALL')
    .map(async (binding) => {
      await postEvent(binding.handler, {
        event: 'ONAPPUNINSTALL',
        event_handler_id: binding.id,
        data: { LANGUAGE_ID: 'ru', CLEAN: 0 },
        ts: Math.floor(Date.now() / 1000),
        auth: authBlock(state, baseUrl, binding),
      });
    });
}
