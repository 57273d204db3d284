import type { Caller } from './rest-method';
import { RestError } from './rest-error';
import type { RestMethod } from './rest-method';

/** server.time, method.get, user.admin, scope, profile, app.info and event.bind/get/unbind (docs/bitrix24.md, "Calling Bitrix24" and "Events and the app connection"). */
export const serverTime: RestMethod = { scope: 'basic', handle: (context) => ({ result: context.state.nowText() }) };

/** Whether a method exists and can be called here. */
export function methodGet(exists: (name: string) => boolean): RestMethod {
  return {
    scope: 'basic',
    handle(_context, params) {
      const existing = exists(String(params.name ?? params.NAME ?? '').toLowerCase());
      return { result: { isExisting: existing, isAvailable: existing } };
    },
  };
}

/** user.admin (b24restdocs: api-reference/common/users/user-admin.md): whether the caller administers the portal. */
export const userAdmin: RestMethod = {
  scope: 'basic',
  handle: (context) => ({ result: context.options.admins.includes(context.caller.userId) }),
};

export const scope: RestMethod = { scope: 'basic', handle: (context) => ({ result: context.caller.scopes }) };

/** b24restdocs `api-reference/common/users/profile.md`: the caller, with ADMIN. */
export const profile: RestMethod = {
  scope: 'basic',
  handle(context) {
    const user = context.state.users.get(context.caller.userId);
    if (!user?.ACTIVE) return { result: {} };
    return {
      result: {
        ID: user.ID,
        ADMIN: context.options.admins.includes(context.caller.userId),
        NAME: user.NAME,
        LAST_NAME: user.LAST_NAME,
        PERSONAL_GENDER: user.PERSONAL_GENDER ?? '',
        TIME_ZONE: user.TIME_ZONE ?? '',
      },
    };
  },
};

/**
 * Methods that need an application's authorization (b24restdocs `api-reference/events/event-bind.md`:
 * "works only within the context of application authorization"); a webhook gets the error of
 * `api-reference/imopenlines/imconnector/imconnector-register.md`.
 */
function appOf(caller: Caller): string {
  if (caller.clientId === null)
    throw new RestError(
      403,
      'WRONG_AUTH_TYPE',
      'Current authorization type is denied for this method. Application context required',
    );
  return caller.clientId;
}

/** b24restdocs `api-reference/common/system/app-info.md`: only in an app's context (ACCESS_DENIED otherwise). */
export const appInfo: RestMethod = {
  scope: 'basic',
  handle(context) {
    if (context.caller.clientId === null)
      throw new RestError(400, 'ACCESS_DENIED', 'Access denied! Application context required');
    return {
      result: {
        ID: 1,
        CODE: context.caller.clientId,
        VERSION: 1,
        STATUS: 'L',
        INSTALLED: true,
        PAYMENT_EXPIRED: 'N',
        DAYS: null,
        LANGUAGE_ID: 'ru',
        LICENSE: 'ru_pro100',
        LICENSE_TYPE: 'pro100',
        LICENSE_FAMILY: 'pro',
      },
    };
  },
};

const bindableEvents = ['ONTASKADD', 'ONTASKUPDATE', 'ONTASKDELETE', 'ONAPPUNINSTALL'];

export const eventBind: RestMethod = {
  scope: 'basic',
  handle(context, params) {
    const clientId = appOf(context.caller);
    const event = String(params.event ?? '').toUpperCase();
    if (!bindableEvents.includes(event)) throw new RestError(400, 'ERROR_EVENT_NOT_FOUND', 'Event not found');
    // Bitrix24 refuses a second binding of the same handler (b24restdocs `error-codes.md`).
    const handler = String(params.handler ?? '');
    if (
      context.state.eventBindings.some((b) => b.event === event && b.handler === handler && b.clientId === clientId)
    ) {
      throw new RestError(400, 'ERROR_HANDLER_ALREADY_EXIST', 'Handler already exists!');
    }
    context.state.bindEvent(event, handler, context.state.appToken(clientId), clientId);
    return { result: true };
  },
};

export const eventGet: RestMethod = {
  scope: 'basic',
  handle(context) {
    const clientId = appOf(context.caller);
    const own = context.state.eventBindings.filter((b) => b.clientId === clientId);
    return { result: own.map((b) => ({ event: b.event, handler: b.handler, auth_type: '0', offline: 0 })) };
  },
};

export const eventUnbind: RestMethod = {
  scope: 'basic',
  handle(context, params) {
    const clientId = appOf(context.caller);
    const event = String(params.event ?? '').toUpperCase();
    const handler = String(params.handler ?? '');
    const bindings = context.state.eventBindings;
    const before = bindings.length;
    for (let index = bindings.length - 1; index >= 0; index--) {
      const binding = bindings[index]!;
      if (binding.clientId === clientId && binding.event === event && (!handler || binding.handler === handler))
        bindings.splice(index, 1);
    }
    return { result: { count: before - bindings.length } };
  },
};
