'use client';

import { useTranslations } from 'next-intl';
import { useId } from 'react';
import type { CheckStatus, ConnectionCheck, ConnectionReport } from '@/lib/portals/connection-report';

const marks: Record<CheckStatus, { symbol: string; className: string }> = {
  ok: { symbol: '✓', className: 'bg-emerald-100 text-emerald-800' },
  missing: { symbol: '✗', className: 'bg-red-100 text-red-800' },
  warning: { symbol: '!', className: 'bg-amber-100 text-amber-900' },
  skipped: { symbol: '–', className: 'bg-slate-100 text-slate-600' },
};

function CheckItem({ check, domain }: { check: ConnectionCheck; domain: string }) {
  const t = useTranslations('settings.bitrix24');
  const scope = check.key.startsWith('scope.') ? (check.key.slice('scope.'.length) as 'task') : null;
  const title = scope
    ? t('report.items.scope', { scope, purpose: t(`scopes.${scope}`) })
    : t(`report.items.${check.key as 'flows' | 'admin'}`);
  const params = { ...check.params, ...(scope ? { scope } : {}) } as Record<string, string | number>;
  const text = t(`checks.${check.code}` as 'checks.flows.found', params as { name: string; id: number });
  const mark = marks[check.status];
  return (
    <li className="flex gap-3 px-4 py-3 text-sm">
      <span
        aria-hidden="true"
        className={`mt-0.5 inline-flex size-5 shrink-0 items-center justify-center rounded-full text-xs font-bold ${mark.className}`}
      >
        {mark.symbol}
      </span>
      <div>
        <p className="font-medium text-slate-900">
          <span>{title}</span>
          <span className="sr-only">: </span>
          <span className="ml-2 text-xs font-semibold uppercase tracking-wide text-slate-600">
            {t(`report.status.${check.status}`)}
          </span>
        </p>
        <p className="mt-0.5 text-slate-700">
          {text}
          {check.problem && ` ${t(`problems.${check.problem}`, { host: domain, ...check.params })}`}
        </p>
      </div>
    </li>
  );
}

/** The connection test's findings, one line per item with an ok/missing mark and what to do. */
export function ConnectionReportView({ report }: { report: ConnectionReport }) {
  const t = useTranslations('settings.bitrix24.report');
  const titleId = useId();
  const { webhookUser } = report;
  return (
    <section aria-labelledby={titleId} className="mt-4 rounded-lg border border-slate-200">
      <div className="border-b border-slate-200 px-4 py-3">
        <h4 id={titleId} className="text-sm font-semibold text-slate-900">
          {t('title', { domain: report.domain })}
        </h4>
        <p className={`mt-1 text-sm font-medium ${report.canConnect ? 'text-emerald-800' : 'text-red-800'}`}>
          {report.canConnect ? t('ready') : t('notReady')}
        </p>
        {report.checks[0]?.status === 'ok' && (
          <p className="mt-1 text-xs text-slate-600">
            {webhookUser.name
              ? t('runsAs', { name: webhookUser.name, id: webhookUser.id })
              : t('runsAsId', { id: webhookUser.id })}
          </p>
        )}
      </div>
      <ul className="divide-y divide-slate-100">
        {report.checks.map((check) => (
          <CheckItem key={check.key} check={check} domain={report.domain} />
        ))}
      </ul>
    </section>
  );
}
