import { getFormatter, getTranslations } from 'next-intl/server';
import type { CopilotSettings } from '@/lib/copilot/settings/copilot-settings';
import type { CopilotUsage } from '@/lib/copilot/settings/copilot-usage';
import { SettingsSection } from './settings-section';

/** CoPilot's use against its limits, per day with tokens, the votes on messages, and who changed the settings. */
export async function CopilotUsageCard({ usage, settings }: { usage: CopilotUsage; settings: CopilotSettings }) {
  const [t, format] = await Promise.all([getTranslations('copilot.usage'), getFormatter()]);
  const most = Math.max(1, ...usage.days.map((day) => day.requests));
  return (
    <SettingsSection title={t('title')}>
      <dl className="mt-3 grid gap-3 text-sm sm:grid-cols-3">
        <div>
          <dt className="text-slate-600">{t('lastHour')}</dt>
          <dd className="font-semibold tabular-nums text-slate-900">
            {t('ofLimit', { used: usage.lastHour, limit: settings.hourlyRequestLimit })}
          </dd>
        </div>
        <div>
          <dt className="text-slate-600">{t('thisMonth')}</dt>
          <dd className="font-semibold tabular-nums text-slate-900">
            {settings.monthlyRequestLimit === null
              ? usage.thisMonth
              : t('ofLimit', { used: usage.thisMonth, limit: settings.monthlyRequestLimit })}
          </dd>
        </div>
        <div>
          <dt className="text-slate-600">{t('votes')}</dt>
          <dd className="font-semibold tabular-nums text-slate-900">
            {t('votesValue', { helpful: usage.feedback.helpful, notHelpful: usage.feedback.notHelpful })}
          </dd>
        </div>
      </dl>
      <table className="mt-4 w-full text-left text-sm">
        <caption className="sr-only">{t('perDay')}</caption>
        <thead className="text-xs uppercase text-slate-600">
          <tr>
            <th scope="col" className="py-1 pr-3">
              {t('day')}
            </th>
            <th scope="col" className="py-1 pr-3">
              {t('requests')}
            </th>
            <th scope="col" className="py-1">
              {t('tokens')}
            </th>
          </tr>
        </thead>
        <tbody>
          {usage.days.map((day) => (
            <tr key={day.day} className="border-t border-slate-100">
              <th scope="row" className="py-1 pr-3 font-normal text-slate-800">
                {format.dateTime(new Date(`${day.day}T00:00:00Z`), { day: 'numeric', month: 'short', timeZone: 'UTC' })}
              </th>
              <td className="py-1 pr-3">
                <span className="flex items-center gap-2 tabular-nums">
                  <span
                    aria-hidden="true"
                    className="h-2 rounded bg-violet-600"
                    style={{ width: `${(day.requests / most) * 8}rem` }}
                  />
                  {day.requests}
                </span>
              </td>
              <td className="py-1 tabular-nums text-slate-700">
                {t('tokensValue', { prompt: day.promptTokens, completion: day.completionTokens })}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3 className="mt-4 text-sm font-semibold text-slate-900">{t('changes')}</h3>
      {usage.changes.length === 0 ? (
        <p className="text-sm text-slate-600">{t('noChanges')}</p>
      ) : (
        <ul className="mt-1 space-y-1 text-sm text-slate-700">
          {usage.changes.map((change) => (
            <li key={change.at}>
              {format.dateTime(new Date(change.at), { dateStyle: 'medium', timeStyle: 'short' })} ·{' '}
              {change.by ?? t('someone')}:{' '}
              {Object.entries(change.changes)
                .map(
                  ([field, value]) =>
                    `${field} = ${typeof value === 'object' && value !== null && 'kind' in value ? String(value.kind) : String(value)}`,
                )
                .join(', ')}
            </li>
          ))}
        </ul>
      )}
    </SettingsSection>
  );
}
