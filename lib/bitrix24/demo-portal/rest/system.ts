import { RestError } from './rest-error';
import type { RestMethod } from './rest-method';

/** server.time, method.get, scope and event.bind/get/unbind (reference §1.5, §2.4, §8.2). */
export const serverTime: RestMethod = { scope: 'basic', handle: (context) => ({ result: context.state.nowText() }) };

/** Whether a method exists and can be called here; the undocumented flow list only when the portal exposes it. */
export function methodGet(exists: (name: string) => boolean): RestMethod {
  return {
    scope: 'basic',
    handle(context, params) {
      const name = String(params.name ?? params.NAME ?? '').toLowerCase();
      const existing = exists(name);
      return { result: { isExisting: existing, isAvailable: existing && (name !== 'tasks.flow.flow.list' || context.options.flowList) } };
    },
  };
}

export const scope: RestMethod = { scope: 'basic', handle: (context) => ({ result: context.caller.scopes }) };

export const eventBind: RestMethod = {
  scope: 'basic',
  handle(context, params) {
    const event = String(params.event ?? '').toUpperCase();
    if (!['ONTASKADD', 'ONTASKUPDATE', 'ONTASKDELETE'].includes(event)) throw new RestError(400, 'ERROR_EVENT_NOT_FOUND', 'Event not found');
    const handler = String(params.handler ?? '');
    const bindings = context.state.eventBindings;
    if (!bindings.some((b) => b.event === event && b.handler === handler)) {
      bindings.push({ id: bindings.length + 1, event, handler, applicationToken: context.state.applicationToken });
    }
    return { result: true };
  },
};

export const eventGet: RestMethod = {
  scope: 'basic',
  handle: (context) => ({ result: context.state.eventBindings.map((b) => ({ event: b.event, handler: b.handler, auth_type: '0', offline: 0 })) }),
};

export const eventUnbind: RestMethod = {
  scope: 'basic',
  handle(context, params) {
    const event = String(params.event ?? '').toUpperCase();
    const handler = String(params.handler ?? '');
    const bindings = context.state.eventBindings;
    const before = bindings.length;
    for (let index = bindings.length - 1; index >= 0; index--) {
      if (bindings[index]!.event === event && (!handler || bindings[index]!.handler === handler)) bindings.splice(index, 1);
    }
    return { result: { count: before - bindings.length } };
  },
};
