import type { Bitrix24Error } from '@/lib/bitrix24/errors';
import { describeRange, type RefusedRangeKind } from '@/lib/http/outbound-guard';

/**
 * What the connection test found, as data the settings page renders in the admin's language:
 * every item has a stable `code` (messages/*.json: `settings.bitrix24.checks.<code>`) and the
 * values its text needs, never a message in one language and never the webhook's secret.
 */

/**
 * The permissions Flowpilot asks for (docs/bitrix24.md, "Calling Bitrix24"). The first sync reads tasks and flows
 * (`task`), employees (`user`) and departments (`department`), so those three are needed to
 * connect; the working calendar (docs/bitrix24.md, "The working calendar") and CoPilot's "create a
 * meeting" use `calendar`, its "notify" uses `im`; without them Bitrix24's default calendar is used
 * and those actions stop working.
 */
export const neededScopes = [
  { scope: 'task', required: true },
  { scope: 'user', required: true },
  { scope: 'department', required: true },
  { scope: 'calendar', required: false },
  { scope: 'im', required: false },
] as const;
export type NeededScope = (typeof neededScopes)[number]['scope'];

/** Why the portal could not be used, from the client's error kinds (docs/bitrix24.md, "Errors any method may answer"). */
export type ConnectionProblem =
  | 'unreachable'
  | 'wrong-webhook'
  | 'no-rest-access'
  | 'https-required'
  | 'not-bitrix24'
  | 'blocked'
  | 'busy'
  | 'server-error'
  | 'no-permission'
  /** The webhook's user lacks the rights for a method (INVALID_CREDENTIALS). */
  | 'invalid-credentials'
  /** The app is limited to other users (user_access_error). */
  | 'user-access'
  /** The portal was deleted or its public part is closed (PORTAL_DELETED). */
  | 'portal-deleted'
  /** A link-local or cloud-metadata address (lib/http/outbound-guard.ts); params name the range. */
  | 'refused-address'
  /** The address answered with a redirect, which is not followed; params name where it pointed. */
  | 'redirected';

export type CheckStatus = 'ok' | 'missing' | 'warning' | 'skipped';

export type CheckCode =
  | 'reachable.ok'
  | 'reachable.failed'
  | 'scope.granted'
  | 'scope.missing'
  | 'scope.optional-missing'
  | 'scope.unknown'
  | 'scope.not-checked'
  | 'flows.found'
  | 'flows.none-yet'
  | 'flows.not-available'
  | 'flows.failed'
  | 'flows.no-task-scope'
  | 'flows.not-checked'
  | 'admin.yes'
  | 'admin.no'
  | 'admin.unknown'
  | 'admin.not-checked';

export type ConnectionCheck = {
  /** One per item: `reachable`, `scope.<name>`, `flows`, `admin` (whether the webhook's user administers the portal). */
  key: 'reachable' | `scope.${NeededScope}` | 'flows' | 'admin';
  status: CheckStatus;
  code: CheckCode;
  params?: Record<string, string | number>;
  /** The named failure behind a `reachable.failed` or `flows.failed` item. */
  problem?: ConnectionProblem;
  /** This item alone stops the portal from being connected. */
  blocking: boolean;
};

export type ConnectionReport = {
  domain: string;
  /** The portal user the webhook acts as, from the URL, with their name when `user` is granted. */
  webhookUser: { id: number; name: string | null };
  /** The portal's UTC offset ("+03:00"), from server.time; null when it did not answer. */
  timeZoneOffset: string | null;
  /** What the `scope` method listed; empty when it did not answer. */
  grantedScopes: string[];
  checks: ConnectionCheck[];
  /** No item blocks: connecting would work. */
  canConnect: boolean;
  checkedAt: string;
};

export function problemOf(error: Bitrix24Error): ConnectionProblem {
  switch (error.kind) {
    case 'unreachable':
      return 'unreachable';
    case 'wrong-webhook':
    case 'access-revoked':
    case 'token-expired':
      return 'wrong-webhook';
    case 'no-rest-access':
      return 'no-rest-access';
    case 'blocked':
      return 'blocked';
    case 'rate-limited':
    case 'operation-limit':
      return 'busy';
    case 'server-error':
      return 'server-error';
    case 'missing-scope':
      return 'no-permission';
    case 'invalid-credentials':
    case 'user-access':
    case 'portal-deleted':
      return error.kind;
    case 'invalid-request':
      return /https/i.test(error.details.description ?? '') ? 'https-required' : 'not-bitrix24';
    case 'refused-address':
    case 'redirected':
      return error.kind;
    default:
      return 'not-bitrix24';
  }
}

/** What a problem's text names besides the portal: the refused range, or where a redirect pointed. */
export function problemParams(error: Bitrix24Error): Record<string, string> | undefined {
  const { refusal } = error.details;
  if (refusal?.kind === 'address') return { range: refusal.range, rangeKind: refusal.rangeKind };
  if (refusal?.kind === 'redirect') return { location: refusal.location };
  return undefined;
}

/** The offset a server.time answer carries ("2026-05-20T12:00:00+03:00" → "+03:00"); null when it has none. */
export function timeZoneOffsetOf(serverTime: string): string | null {
  const match = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(Z|([+-])(\d{2}):?(\d{2}))$/.exec(
    serverTime.trim(),
  );
  if (!match) return null;
  if (match[1] === 'Z') return '+00:00';
  const hours = Number(match[3]);
  const minutes = Number(match[4]);
  if (hours > 14 || minutes > 59) return null;
  return `${match[2]}${match[3]}:${match[4]}`;
}

/** One item per needed scope: granted, missing (blocks when required), or unknown when `scope` did not answer. */
export function scopeChecks(granted: string[] | null): ConnectionCheck[] {
  return neededScopes.map(({ scope, required }): ConnectionCheck => {
    const key = `scope.${scope}` as const;
    if (granted === null) return { key, status: 'warning', code: 'scope.unknown', params: { scope }, blocking: false };
    if (granted.includes(scope))
      return { key, status: 'ok', code: 'scope.granted', params: { scope }, blocking: false };
    return required
      ? { key, status: 'missing', code: 'scope.missing', params: { scope }, blocking: true }
      : { key, status: 'warning', code: 'scope.optional-missing', params: { scope }, blocking: false };
  });
}

/** Items after a failed reachability check: each scope, the flows and the admin item, not checked. */
export function notCheckedItems(): ConnectionCheck[] {
  return [
    ...neededScopes.map(({ scope }): ConnectionCheck => ({
      key: `scope.${scope}`,
      status: 'skipped',
      code: 'scope.not-checked',
      params: { scope },
      blocking: false,
    })),
    { key: 'flows', status: 'skipped', code: 'flows.not-checked', blocking: false },
    { key: 'admin', status: 'skipped', code: 'admin.not-checked', blocking: false },
  ];
}

/**
 * Whether the webhook's user administers the portal (user.admin). Not blocking: a member still
 * connects, but Bitrix24 shows them only the flows and tasks its read rules allow (docs/bitrix24.md,
 * "Errors, flow access and the webhook's user").
 */
export function adminCheck(admin: boolean | null): ConnectionCheck {
  if (admin === null) return { key: 'admin', status: 'warning', code: 'admin.unknown', blocking: false };
  return admin
    ? { key: 'admin', status: 'ok', code: 'admin.yes', blocking: false }
    : { key: 'admin', status: 'warning', code: 'admin.no', blocking: false };
}

export function canConnect(checks: ConnectionCheck[]): boolean {
  return checks.every((check) => !check.blocking);
}

const problemText: Record<Exclude<ConnectionProblem, 'refused-address' | 'redirected'>, string> = {
  unreachable: 'the portal cannot be reached',
  'wrong-webhook': 'the portal does not accept this webhook (wrong, expired or deleted)',
  'no-rest-access': 'REST access is not available (commercial plan needed, or the user may not do this)',
  'https-required': 'the portal requires https',
  'not-bitrix24': 'the address does not answer like a Bitrix24 webhook',
  blocked: 'Bitrix24 has blocked this connection for overload',
  busy: 'the portal is limiting requests',
  'server-error': 'the portal failed while answering',
  'no-permission': 'the webhook lacks a permission',
  'invalid-credentials': "the webhook's user lacks the rights for this",
  'user-access': "the application is restricted to other users than the connection's",
  'portal-deleted': 'the portal was deleted or its public part is closed',
};

function problemSentence(check: ConnectionCheck): string {
  const params = check.params ?? {};
  if (check.problem === 'refused-address')
    return `addresses in ${describeRange(String(params.range), params.rangeKind as RefusedRangeKind)} are not allowed`;
  if (check.problem === 'redirected')
    return `the portal answered with a redirect to ${params.location}; use the final address`;
  return problemText[check.problem ?? 'not-bitrix24'];
}

/**
 * The blocking problems in one English line, for the connection's `lastError` and logs (the
 * page shows the report itself in the admin's language); null when nothing blocks.
 */
export function blockingSummary(report: ConnectionReport): string | null {
  const parts: string[] = [];
  const reachable = report.checks.find((check) => check.key === 'reachable');
  if (reachable?.blocking) parts.push(`Not reachable: ${problemSentence(reachable)}.`);
  const missing = report.checks
    .filter((check) => check.code === 'scope.missing')
    .map((check) => String(check.params?.scope));
  if (missing.length > 0) parts.push(`Missing permissions: ${missing.join(', ')}.`);
  const flows = report.checks.find((check) => check.key === 'flows');
  if (flows?.code === 'flows.not-available')
    parts.push('Flows are not available: the plan may not include them, or the webhook user may not read them.');
  if (flows?.code === 'flows.failed') parts.push(`Flows could not be checked: ${problemSentence(flows)}.`);
  return parts.length > 0 ? parts.join(' ') : null;
}
