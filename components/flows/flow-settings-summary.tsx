'use client';

import { useFormatter, useLocale, useTranslations } from 'next-intl';
import { useChartFormat } from '@/components/charts/use-chart-format';
import type { FlowSettings } from '@/lib/dashboards/dashboard-types';
import type { WorkCalendar } from '@/lib/time/work-calendar';

/** The flow's settings as sentences: what Bitrix24 does with its tasks. */
export function FlowSettingsSummary({ settings }: { settings: FlowSettings }) {
  const t = useTranslations('flow.settings');
  const format = useChartFormat();
  const formatter = useFormatter();
  const locale = useLocale();
  const calendarText = (calendar: WorkCalendar) => {
    // Days off from Monday on, by their short names in the reader's language.
    const weekday = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' });
    const days = [...calendar.daysOff]
      .sort((a, b) => ((a + 6) % 7) - ((b + 6) % 7))
      .map((day) => weekday.format(new Date(Date.UTC(2024, 0, 7 + day))));
    const clock = (minutes: number) => `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
    const values = {
      days: days.length > 0 ? formatter.list(days) : '—',
      start: clock(calendar.workStart),
      end: clock(calendar.workEnd),
    };
    return calendar.source === 'portal'
      ? t('calendarPortal', { ...values, holidays: calendar.holidays.length })
      : t('calendarDefault', values);
  };
  const items: [string, string][] = [
    [
      t('plannedTime'),
      settings.plannedTimeSeconds > 0
        ? t('plannedTimeValue', { time: format.duration(settings.plannedTimeSeconds * 1000) })
        : t('plannedTimeNone'),
    ],
    [t('distribution'), t(`distributionValue.${settings.distributionType}`)],
    [t('taskControl'), settings.taskControl ? t('taskControlOn') : t('taskControlOff')],
    [t('template'), settings.templateId > 0 ? t('templateValue', { id: settings.templateId }) : t('templateNone')],
    [t('workTime'), settings.matchWorkTime ? t('workTimeOn') : t('workTimeOff')],
    [t('calendar'), calendarText(settings.calendar)],
    [t('deadlineChanges'), settings.responsibleCanChangeDeadline ? t('deadlineChangesOn') : t('deadlineChangesOff')],
  ];
  return (
    <section
      aria-labelledby="flow-settings-title"
      className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5"
    >
      <h2 id="flow-settings-title" className="text-base font-semibold text-slate-900">
        {t('title')}
      </h2>
      {settings.description && <p className="mt-1 text-sm text-slate-700">{settings.description}</p>}
      <dl className="mt-3 grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2 xl:grid-cols-3">
        {items.map(([term, detail]) => (
          <div key={term}>
            <dt className="text-xs font-medium uppercase tracking-wide text-slate-600">{term}</dt>
            <dd className="mt-0.5 text-slate-900">{detail}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
