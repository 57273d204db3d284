'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { ActionStatus } from '@/components/actions/action-status';
import { useActionRunner } from '@/components/actions/use-action-runner';
import { SettingsSection } from '@/components/settings/settings-section';
import { buttonStyles } from '@/components/ui/button-styles';
import { saveAlertSettingsAction } from '@/lib/actions/save-alert-settings';
import type { AlertLogEntry } from '@/lib/alerts/alert-log';
import type { AlertSettings } from '@/lib/alerts/alert-settings';
import { locales, type Locale } from '@/lib/i18n/locales';
import { AlertLogTable } from './alert-log-table';
import { useAlertErrorText } from './use-alert-error-text';

const hours = Array.from({ length: 24 }, (_, hour) => hour);

/** Settings → Alerts: quiet hours, the daily cap per person, the fallback language, and the log of every flow. */
export function AlertSettingsCard({ settings, log }: { settings: AlertSettings; log: AlertLogEntry[] }) {
  const t = useTranslations('alerts');
  const tLanguage = useTranslations('language');
  const router = useRouter();
  const [quietFrom, setQuietFrom] = useState(settings.quietFrom);
  const [quietTo, setQuietTo] = useState(settings.quietTo);
  const [dailyCap, setDailyCap] = useState(String(settings.dailyCap));
  const [locale, setLocale] = useState<Locale>(settings.locale);
  const runner = useActionRunner({ errorText: useAlertErrorText(), savedText: t('settings.saved') });
  const select = 'mt-1 block rounded-md border border-slate-300 px-3 py-2 text-sm';

  return (
    <SettingsSection title={t('settings.title')} hint={t('settings.description')}>
      <form
        className="mt-3 grid gap-4 md:grid-cols-2"
        onSubmit={(event) => {
          event.preventDefault();
          runner.run(
            () => saveAlertSettingsAction({ quietFrom, quietTo, dailyCap: Number(dailyCap), locale }),
            () => router.refresh(),
          );
        }}
      >
        <fieldset className="md:col-span-2">
          <legend className="text-sm font-medium text-slate-800">{t('settings.quietFrom')}</legend>
          <div className="flex flex-wrap items-center gap-2">
            <select
              aria-label={t('settings.quietFrom')}
              className={select}
              value={quietFrom}
              onChange={(event) => setQuietFrom(Number(event.target.value))}
            >
              {hours.map((hour) => (
                <option key={hour} value={hour}>{`${hour}:00`}</option>
              ))}
            </select>
            <span className="text-sm text-slate-700">{t('settings.quietTo')}</span>
            <select
              aria-label={t('settings.quietTo')}
              className={select}
              value={quietTo}
              onChange={(event) => setQuietTo(Number(event.target.value))}
            >
              {hours.map((hour) => (
                <option key={hour} value={hour}>{`${hour}:00`}</option>
              ))}
            </select>
          </div>
          <p className="mt-1 text-xs text-slate-600">{t('settings.quietNote')}</p>
        </fieldset>
        <label className="block text-sm font-medium text-slate-800">
          {t('settings.dailyCap')}
          <input
            type="number"
            min={1}
            max={100}
            required
            value={dailyCap}
            onChange={(event) => setDailyCap(event.target.value)}
            aria-invalid={runner.fields.dailyCap ? true : undefined}
            className="mt-1 block w-32 rounded-md border border-slate-300 px-3 py-2 text-sm"
          />
          <span className="mt-1 block text-xs font-normal text-slate-600">{t('settings.dailyCapNote')}</span>
        </label>
        <label className="block text-sm font-medium text-slate-800">
          {t('settings.locale')}
          <select className={select} value={locale} onChange={(event) => setLocale(event.target.value as Locale)}>
            {locales.map((value) => (
              <option key={value} value={value}>
                {tLanguage(value)}
              </option>
            ))}
          </select>
          <span className="mt-1 block text-xs font-normal text-slate-600">{t('settings.localeNote')}</span>
        </label>
        <div className="flex items-center gap-3 md:col-span-2">
          <button type="submit" className={buttonStyles.primary} disabled={runner.pending}>
            {t('settings.save')}
          </button>
          <ActionStatus message={runner.message} />
        </div>
      </form>
      <h3 className="mt-6 text-sm font-semibold text-slate-900">{t('log.title')}</h3>
      <AlertLogTable entries={log} showFlow />
    </SettingsSection>
  );
}
