import { NextIntlClientProvider } from 'next-intl';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { CheckCode, ConnectionCheck, ConnectionProblem, ConnectionReport } from '@/lib/portals/connection-report';
import { adminCheck, neededScopes, notCheckedItems, scopeChecks } from '@/lib/portals/connection-report';
import en from '@/messages/en.json';
import ru from '@/messages/ru.json';
import { ConnectionReportView } from './connection-report-view';

/** Every item code and problem renders in both languages, with its values, and nothing is left untranslated. */
const problems: ConnectionProblem[] = [
  'unreachable',
  'wrong-webhook',
  'no-rest-access',
  'https-required',
  'not-bitrix24',
  'blocked',
  'busy',
  'server-error',
  'no-permission',
  'invalid-credentials',
  'user-access',
  'portal-deleted',
  'refused-address',
  'redirected',
];
/** The values the refused-address and redirected texts name, as testPortalConnection puts them beside the host. */
const problemParams = { range: '169.254.0.0/16', rangeKind: 'link_local', location: 'https://acme.bitrix24.ru' };
const codes: CheckCode[] = [
  'reachable.ok',
  'reachable.failed',
  'scope.granted',
  'scope.missing',
  'scope.optional-missing',
  'scope.unknown',
  'scope.not-checked',
  'flows.found',
  'flows.none-yet',
  'flows.not-available',
  'flows.failed',
  'flows.no-task-scope',
  'flows.not-checked',
  'admin.yes',
  'admin.no',
  'admin.unknown',
  'admin.not-checked',
];

function report(checks: ConnectionCheck[], name: string | null = 'Ирина Админова'): ConnectionReport {
  return {
    domain: 'acme.bitrix24.ru',
    webhookUser: { id: 1, name },
    timeZoneOffset: '+03:00',
    grantedScopes: [],
    checks,
    canConnect: false,
    checkedAt: '2026-05-20T09:00:00Z',
  };
}

function render(locale: 'en' | 'ru', value: ConnectionReport): string {
  return renderToStaticMarkup(
    <NextIntlClientProvider
      locale={locale}
      timeZone="Europe/Moscow"
      messages={locale === 'en' ? en : ru}
      onError={(error) => {
        throw error;
      }}
    >
      <ConnectionReportView report={value} />
    </NextIntlClientProvider>,
  );
}

const everyItem: ConnectionCheck[] = [
  { key: 'reachable', status: 'ok', code: 'reachable.ok', params: { offset: '+03:00' }, blocking: false },
  ...scopeChecks(['task', 'calendar']),
  ...scopeChecks(null),
  ...notCheckedItems(),
  { key: 'flows', status: 'ok', code: 'flows.found', params: { name: 'Поддержка', id: 3 }, blocking: false },
  { key: 'flows', status: 'warning', code: 'flows.none-yet', blocking: false },
  { key: 'flows', status: 'missing', code: 'flows.not-available', params: { id: 7 }, blocking: true },
  adminCheck(true),
  adminCheck(false),
  adminCheck(null),
  { key: 'flows', status: 'skipped', code: 'flows.no-task-scope', blocking: false },
  ...problems.map((problem): ConnectionCheck => ({
    key: 'flows',
    status: 'missing',
    code: 'flows.failed',
    params: problemParams,
    problem,
    blocking: true,
  })),
  ...problems.map((problem): ConnectionCheck => ({
    key: 'reachable',
    status: 'missing',
    code: 'reachable.failed',
    params: { host: 'acme.bitrix24.ru', ...problemParams },
    problem,
    blocking: true,
  })),
];

describe('ConnectionReportView', () => {
  it('covers every item code', () => {
    expect(new Set(everyItem.map((check) => check.code))).toEqual(new Set(codes));
  });

  for (const locale of ['en', 'ru'] as const) {
    it(`renders every item and problem in ${locale}`, () => {
      // Keys repeat across the sample on purpose; render one list per item so React keys stay unique.
      const html = everyItem.map((check) => render(locale, report([check]))).join('\n');
      expect(html).not.toMatch(/settings\.bitrix24\.|\{\w+\}/);
      expect(html).toContain('acme.bitrix24.ru');
      expect(html).toContain('Поддержка');
      for (const { scope } of neededScopes) expect(html).toContain(scope);
    });
  }

  it('names the refused range and where a redirect pointed, in both languages', () => {
    const failed = (problem: ConnectionProblem, params: Record<string, string>): ConnectionReport =>
      report([
        {
          key: 'reachable',
          status: 'missing',
          code: 'reachable.failed',
          params: { host: 'acme.bitrix24.ru', ...params },
          problem,
          blocking: true,
        },
      ]);
    expect(render('en', failed('refused-address', { range: '169.254.0.0/16', rangeKind: 'link_local' }))).toContain(
      'Addresses in 169.254.0.0/16 (link-local, cloud metadata) are not allowed',
    );
    expect(render('en', failed('refused-address', { range: '0.0.0.0/8', rangeKind: 'unspecified' }))).toContain(
      'Addresses in 0.0.0.0/8 (unspecified) are not allowed',
    );
    expect(render('ru', failed('refused-address', { range: 'fd00:ec2::254', rangeKind: 'metadata' }))).toContain(
      'fd00:ec2::254 (метаданные облака)',
    );
    expect(render('en', failed('redirected', { location: 'https://acme.bitrix24.ru' }))).toContain(
      'answered with a redirect to https://acme.bitrix24.ru; use the final address',
    );
    expect(render('ru', failed('redirected', { location: 'https://acme.bitrix24.ru' }))).toContain(
      'https://acme.bitrix24.ru',
    );
  });

  it('says who the calls run as, and marks each item for screen readers', () => {
    const html = render(
      'en',
      report([
        { key: 'reachable', status: 'ok', code: 'reachable.ok', params: { offset: '+03:00' }, blocking: false },
        ...scopeChecks(['task']),
      ]),
    );
    expect(html).toContain('Calls run as Ирина Админова (#1).');
    expect(html).toContain('The portal answered. Its time zone is UTC+03:00.');
    expect(html).toMatch(
      /<span>Permission “user”: employees<\/span><span class="sr-only">: <\/span><span[^>]*>Missing<\/span>/,
    );
    expect(
      render(
        'ru',
        report(
          [{ key: 'reachable', status: 'ok', code: 'reachable.ok', params: { offset: '+03:00' }, blocking: false }],
          null,
        ),
      ),
    ).toContain('Запросы выполняются от имени пользователя портала №1.');
  });
});
