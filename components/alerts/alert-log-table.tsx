'use client';

import { useFormatter, useTranslations } from 'next-intl';
import type { AlertLogEntry } from '@/lib/alerts/alert-log';

const knownReasons = new Set(['quiet-hours', 'daily-cap', 'missing-scope', 'not-created', 'cleared']);

/** The notification as the person read it: without the BBCode around its link. */
function plainText(message: string): string {
  return message.replace(/\[URL=[^\]]*\]([\s\S]*?)\[\/URL\]/gi, '$1').replaceAll('\u200b', '');
}

/** The alert log: who was told what and when, and what the portal answered. */
export function AlertLogTable({ entries, showFlow }: { entries: AlertLogEntry[]; showFlow: boolean }) {
  const t = useTranslations('alerts.log');
  const format = useFormatter();
  if (entries.length === 0) return <p className="mt-3 text-sm text-slate-600">{t('empty')}</p>;
  const reasonText = (reason: string) =>
    knownReasons.has(reason) ? t(`reasons.${reason}` as 'reasons.cleared') : reason;
  return (
    <div className="mt-3 overflow-x-auto">
      <table className="min-w-full text-left text-sm">
        <thead className="border-b border-slate-200 text-xs uppercase text-slate-600">
          <tr>
            <th scope="col" className="py-2 pr-3">
              {t('when')}
            </th>
            {showFlow && (
              <th scope="col" className="py-2 pr-3">
                {t('flow')}
              </th>
            )}
            <th scope="col" className="py-2 pr-3">
              {t('to')}
            </th>
            <th scope="col" className="py-2 pr-3">
              {t('what')}
            </th>
            <th scope="col" className="py-2">
              {t('result')}
            </th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id} className="border-b border-slate-100 align-top">
              <td className="whitespace-nowrap py-2 pr-3 text-slate-700">
                {format.dateTime(new Date(entry.sentAt ?? entry.createdAt), {
                  dateStyle: 'medium',
                  timeStyle: 'short',
                })}
              </td>
              {showFlow && <td className="py-2 pr-3">{entry.flow.name}</td>}
              <td className="py-2 pr-3">{entry.recipient.name ?? t('unknownPerson', { id: entry.recipient.id })}</td>
              <td className="py-2 pr-3 text-slate-800">
                {entry.kind === null && (
                  <span className="mr-1 rounded bg-slate-100 px-1.5 py-0.5 text-xs font-semibold text-slate-700">
                    {t('test')}
                  </span>
                )}
                {plainText(entry.message)}
              </td>
              <td className="py-2">
                <span className={entry.state === 'refused' ? 'font-semibold text-red-800' : 'text-slate-800'}>
                  {t(`states.${entry.state}`)}
                </span>
                {entry.reason && entry.state !== 'dropped' && (
                  <span className="block text-xs text-slate-600">{reasonText(entry.reason)}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
