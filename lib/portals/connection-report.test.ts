import { describe, expect, it } from 'vitest';
import { Bitrix24Error, portalError, refusedByGuard, unreachable } from '@/lib/bitrix24/errors';
import {
  blockingSummary,
  canConnect,
  neededScopes,
  notCheckedItems,
  problemOf,
  problemParams,
  scopeChecks,
  timeZoneOffsetOf,
  type ConnectionReport,
} from './connection-report';

describe('timeZoneOffsetOf', () => {
  it.each([
    ['2026-05-20T12:00:00+03:00', '+03:00'],
    ['2026-05-20T12:00:00-05:30', '-05:30'],
    ['2026-05-20T12:00:00+0300', '+03:00'],
    ['2026-05-20T12:00:00.123Z', '+00:00'],
    [' 2026-05-20T12:00+07:00 ', '+07:00'],
  ])('%s → %s', (text, offset) => expect(timeZoneOffsetOf(text)).toBe(offset));

  it.each(['2026-05-20 12:00:00', '20.05.2026 12:00:00', 'yesterday', '2026-05-20T12:00:00+25:00'])(
    'has no offset in %j',
    (text) => {
      expect(timeZoneOffsetOf(text)).toBeNull();
    },
  );
});

describe('scopeChecks', () => {
  it('marks each needed scope granted or missing; only task, user and department block', () => {
    const checks = scopeChecks(['basic', 'task', 'calendar']);
    expect(checks.map((check) => [check.key, check.status, check.blocking])).toEqual([
      ['scope.task', 'ok', false],
      ['scope.user', 'missing', true],
      ['scope.department', 'missing', true],
      ['scope.calendar', 'ok', false],
      ['scope.im', 'warning', false],
    ]);
    expect(canConnect(checks)).toBe(false);
  });

  it('connects with every needed scope, optional ones missing', () => {
    expect(canConnect(scopeChecks(['task', 'user', 'department']))).toBe(true);
  });

  it('says the scopes are unknown, without blocking, when the scope method did not answer', () => {
    expect(scopeChecks(null).every((check) => check.code === 'scope.unknown' && !check.blocking)).toBe(true);
  });

  it('marks everything not checked after an unreachable portal', () => {
    const items = notCheckedItems();
    expect(items).toHaveLength(neededScopes.length + 2);
    expect(items.every((item) => item.status === 'skipped' && !item.blocking)).toBe(true);
  });
});

describe('problemOf', () => {
  it.each([
    [portalError('server.time', 401, { error: 'NO_AUTH_FOUND' }), 'wrong-webhook'],
    [portalError('server.time', 401, { error: 'invalid_token' }), 'wrong-webhook'],
    [portalError('server.time', 403, { error: 'ACCESS_DENIED' }), 'no-rest-access'],
    [
      portalError('server.time', 400, { error: 'INVALID_REQUEST', error_description: 'Https required' }),
      'https-required',
    ],
    [portalError('server.time', 404, { error: 'ERROR_METHOD_NOT_FOUND' }), 'not-bitrix24'],
    [portalError('server.time', 503, { error: 'QUERY_LIMIT_EXCEEDED' }), 'busy'],
    [portalError('server.time', 503, { error: 'OVERLOAD_LIMIT' }), 'blocked'],
    [portalError('server.time', 500, { error: 'INTERNAL_SERVER_ERROR' }), 'server-error'],
    [portalError('tasks.task.list', 403, { error: 'insufficient_scope' }), 'no-permission'],
    // b24restdocs: _includes/system-errors.md.
    [portalError('tasks.task.list', 403, { error: 'INVALID_CREDENTIALS' }), 'invalid-credentials'],
    [portalError('server.time', 403, { error: 'user_access_error' }), 'user-access'],
    [portalError('server.time', 500, { error: 'PORTAL_DELETED' }), 'portal-deleted'],
    [
      unreachable('server.time', 'https://acme.bitrix24.ru/rest/1/x/server.time.json', new Error('ECONNREFUSED')),
      'unreachable',
    ],
    [new Bitrix24Error('unexpected-answer', 'not JSON', { method: 'server.time' }), 'not-bitrix24'],
  ] as const)('%s → %s', (error, problem) => expect(problemOf(error)).toBe(problem));

  it('names the refused range, or where a redirect pointed, for the page', () => {
    const refused = refusedByGuard('server.time', {
      kind: 'address',
      host: '169.254.169.254',
      address: '169.254.169.254',
      range: '169.254.0.0/16',
      rangeKind: 'link_local',
    });
    expect([problemOf(refused), problemParams(refused)]).toEqual([
      'refused-address',
      { range: '169.254.0.0/16', rangeKind: 'link_local' },
    ]);
    const redirected = refusedByGuard('server.time', {
      kind: 'redirect',
      host: 'acme.bitrix24.ru',
      status: 301,
      location: 'https://acme.bitrix24.ru',
    });
    expect([problemOf(redirected), problemParams(redirected)]).toEqual([
      'redirected',
      { location: 'https://acme.bitrix24.ru' },
    ]);
    expect(problemParams(portalError('server.time', 401, { error: 'NO_AUTH_FOUND' }))).toBeUndefined();
  });
});

describe('blockingSummary', () => {
  const report = (checks: ConnectionReport['checks']): ConnectionReport => ({
    domain: 'acme.bitrix24.ru',
    webhookUser: { id: 1, name: null },
    timeZoneOffset: '+03:00',
    grantedScopes: [],
    checks,
    canConnect: canConnect(checks),
    checkedAt: '2026-05-20T09:00:00.000Z',
  });

  it('is null when nothing blocks', () => {
    expect(
      blockingSummary(
        report([
          { key: 'reachable', status: 'ok', code: 'reachable.ok', blocking: false },
          ...scopeChecks(['task', 'user', 'department']),
        ]),
      ),
    ).toBeNull();
  });

  it('names the missing permissions and the flows problem in one line', () => {
    const checks = [
      { key: 'reachable', status: 'ok', code: 'reachable.ok', blocking: false },
      ...scopeChecks(['task']),
      { key: 'flows', status: 'missing', code: 'flows.not-available', blocking: true },
    ] as const;
    expect(blockingSummary(report([...checks]))).toBe(
      'Missing permissions: user, department. Flows are not available: the plan may not include them, or the webhook user may not read them.',
    );
  });

  it('names why the portal was not reachable', () => {
    const checks = [
      {
        key: 'reachable',
        status: 'missing',
        code: 'reachable.failed',
        problem: 'wrong-webhook',
        blocking: true,
      } as const,
      ...notCheckedItems(),
    ];
    expect(blockingSummary(report(checks))).toBe(
      'Not reachable: the portal does not accept this webhook (wrong, expired or deleted).',
    );
  });

  it('names a refused address with its range, and where a redirect pointed', () => {
    const failed = (problem: 'refused-address' | 'redirected', params: Record<string, string>) =>
      report([
        { key: 'reachable', status: 'missing', code: 'reachable.failed', params, problem, blocking: true },
        ...notCheckedItems(),
      ]);
    expect(
      blockingSummary(
        failed('refused-address', { host: 'acme.test', range: '100.100.100.200', rangeKind: 'metadata' }),
      ),
    ).toBe('Not reachable: addresses in 100.100.100.200 (cloud metadata) are not allowed.');
    expect(blockingSummary(failed('redirected', { host: 'acme.test', location: 'https://acme.test' }))).toBe(
      'Not reachable: the portal answered with a redirect to https://acme.test; use the final address.',
    );
  });
});
