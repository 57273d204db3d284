import { refusalSentence, type OutboundRefusal } from '@/lib/http/outbound-guard';

/**
 * Every way a Bitrix24 call can fail, as one typed error with a message a person can act on
 * (docs/bitrix24.md, "Errors any method may answer"). The portal's code and HTTP status stay on the error for logs and retries.
 */
export type Bitrix24ErrorKind =
  | 'wrong-webhook'
  | 'token-expired'
  | 'access-revoked'
  | 'missing-scope'
  | 'no-rest-access'
  | 'invalid-credentials'
  | 'user-access'
  | 'portal-deleted'
  | 'flow-unreadable'
  | 'rate-limited'
  | 'operation-limit'
  | 'blocked'
  | 'unreachable'
  | 'refused-address'
  | 'redirected'
  | 'server-error'
  | 'method-not-found'
  | 'invalid-request'
  | 'unexpected-answer';

export class Bitrix24Error extends Error {
  constructor(
    readonly kind: Bitrix24ErrorKind,
    message: string,
    readonly details: {
      method: string;
      code?: string;
      httpStatus?: number;
      description?: string;
      retryAfterMs?: number;
      refusal?: OutboundRefusal;
    },
  ) {
    super(message);
    this.name = 'Bitrix24Error';
  }

  /** Worth trying again after a wait (limits, server hiccups, the network). */
  get retryable(): boolean {
    return ['rate-limited', 'operation-limit', 'unreachable', 'server-error'].includes(this.kind);
  }
}

/** The scope a method needs (docs/bitrix24.md, "Calling Bitrix24"), to name it when the portal says one is missing. */
export function requiredScope(method: string): string {
  const name = method.toLowerCase();
  if (name.startsWith('tasks.')) return 'task';
  if (name.startsWith('user.')) return 'user';
  if (name.startsWith('department.')) return 'department';
  if (name.startsWith('calendar.')) return 'calendar';
  if (name.startsWith('im.')) return 'im';
  return 'basic';
}

function seconds(ms: number): string {
  return `${Math.max(1, Math.ceil(ms / 1000))} s`;
}

/**
 * A flow method's own refusal: Bitrix24 answers a flow that does not exist, one the user may not
 * read and a plan without Flows alike, with error "0" and HTTP 400 (batch sub-calls carry no
 * status), in the portal's language (docs/bitrix24.md, "Errors, flow access and the webhook's user").
 */
function isFlowRefusal(method: string, code: string): boolean {
  return code === '0' && method.toLowerCase().startsWith('tasks.flow.');
}

/** A portal's error text without the HTML it may carry (tasks.task.add ends ERROR_CORE texts with `<br>`), and without a closing full stop. */
function plainText(description: string): string {
  return description
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[.!]+$/, '');
}

/** Turns a portal error answer into a Bitrix24Error; by code and status only, never by its text (which is in the portal's language). */
export function portalError(
  method: string,
  httpStatus: number,
  body: { error?: unknown; error_description?: unknown },
  retryAfterMs?: number,
): Bitrix24Error {
  const code = String(body.error ?? '');
  const description = typeof body.error_description === 'string' ? body.error_description : '';
  const reason = plainText(description);
  const details = { method, code, httpStatus, description, retryAfterMs };
  const make = (kind: Bitrix24ErrorKind, message: string) => new Bitrix24Error(kind, message, details);
  switch (code) {
    case 'NO_AUTH_FOUND':
      return make(
        'wrong-webhook',
        "The portal does not accept this connection: the webhook URL is wrong, expired or was deleted, or the app's access was revoked. Check the URL or create a new incoming webhook, or install the app again.",
      );
    case 'expired_token':
      return make('token-expired', 'The Bitrix24 access token has expired.');
    case 'invalid_token':
    case 'invalid_grant':
      return make(
        'access-revoked',
        'Bitrix24 no longer accepts this connection (revoked or invalid token). Connect the portal again.',
      );
    case 'insufficient_scope':
      return make(
        'missing-scope',
        `The connection lacks the "${requiredScope(method)}" permission needed for ${method}. Edit the webhook or application in Bitrix24 and tick it.`,
      );
    case 'ACCESS_DENIED':
      return make(
        'no-rest-access',
        `The portal refused ${method}${reason ? ` ("${reason}")` : ''}: REST access needs a commercial plan, or the connection's user may not do this.`,
      );
    case 'INVALID_CREDENTIALS':
      return make(
        'invalid-credentials',
        `The portal user behind this connection lacks the permissions for ${method}. Connect with a webhook or app of a user who has them (a portal administrator sees everything).`,
      );
    case 'user_access_error':
      return make(
        'user-access',
        "The application is installed, but the portal's administrator restricted it to certain users, and the connection's user is not one of them. Give them access to the application in Bitrix24.",
      );
    case 'PORTAL_DELETED':
      return make(
        'portal-deleted',
        'The portal was deleted, or its public part is closed. Nothing is retried; check the portal in Bitrix24 (on-premise: the "temporary closure of the public part" setting).',
      );
    case 'QUERY_LIMIT_EXCEEDED':
      return make(
        'rate-limited',
        `Bitrix24 is limiting the request rate; waiting ${seconds(retryAfterMs ?? 1000)} before trying again.`,
      );
    case 'OPERATION_TIME_LIMIT':
      return make(
        'operation-limit',
        `Bitrix24's time budget for ${method} is used up; waiting ${seconds(retryAfterMs ?? 10_000)} before trying again.`,
      );
    case 'OVERLOAD_LIMIT':
      return make(
        'blocked',
        'Bitrix24 has blocked REST calls from this connection for overload. Contact Bitrix24 support.',
      );
    case 'ERROR_METHOD_NOT_FOUND':
      return make('method-not-found', `The portal does not know the method ${method}.`);
    case 'INTERNAL_SERVER_ERROR':
    case 'ERROR_UNEXPECTED_ANSWER':
      return make('server-error', `The portal failed while answering ${method} (${code}).`);
    default:
      if (isFlowRefusal(method, code)) {
        return make(
          'flow-unreadable',
          "The portal would not show the flow: it does not exist, the connection's user may not read it, or the plan does not include Flows.",
        );
      }
      if (httpStatus >= 500)
        return make('server-error', `The portal failed while answering ${method} (HTTP ${httpStatus}).`);
      return make('invalid-request', `The portal rejected ${method}: ${reason || code || `HTTP ${httpStatus}`}.`);
  }
}

/** A network failure: the portal could not be reached at all. */
export function unreachable(method: string, url: string, cause: unknown): Bitrix24Error {
  const host = (() => {
    try {
      return new URL(url).host;
    } catch {
      return 'the portal';
    }
  })();
  const reason =
    cause instanceof Error ? ((cause.cause as { code?: string } | undefined)?.code ?? cause.message) : String(cause);
  return new Bitrix24Error(
    'unreachable',
    `Cannot reach ${host} (${reason}). Check the portal address and the network.`,
    { method },
  );
}

/**
 * An address the outbound guard refused, or a redirect it did not follow (lib/http/outbound-guard.ts).
 * Not retried: the same address is refused again, and REST answers never need a redirect.
 */
export function refusedByGuard(method: string, refusal: OutboundRefusal): Bitrix24Error {
  return new Bitrix24Error(refusal.kind === 'address' ? 'refused-address' : 'redirected', refusalSentence(refusal), {
    method,
    refusal,
  });
}
