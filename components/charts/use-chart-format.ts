'use client';

import { useFormatter, useLocale, useTranslations } from 'next-intl';
import { useMemo } from 'react';
import { offsetMinutes } from '@/lib/bitrix24/portal-dates';
import type { PortalWindow } from '@/lib/dashboards/dashboard-types';
import { dayMs } from '@/lib/time/durations';

const minuteMs = 60_000;
const hourMs = 60 * minuteMs;

/** A portal day ('YYYY-MM-DD') as UTC midnight: formatted in UTC it never moves to a neighbouring day. */
export function portalDayTime(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

/**
 * An instant as the portal's wall clock, in milliseconds to be read (and formatted) as UTC.
 * Shifting by hand rather than naming a zone: offset zones like '+05:30' are not accepted by every
 * engine (Node 20 throws), and Etc/GMT zones cover whole hours only, with the sign inverted.
 */
export function portalClockTime(iso: string, timeZoneOffset: string): number {
  return Date.parse(iso) + offsetMinutes(timeZoneOffset) * minuteMs;
}

/** Numbers, durations and dates of the charts, in the reader's language and the portal's calendar. */
export function useChartFormat() {
  const format = useFormatter();
  const locale = useLocale();
  const t = useTranslations('charts.format');

  return useMemo(() => {
    const unit = (
      value: number,
      unitName: 'day' | 'hour' | 'minute',
      fractionDigits: number,
      unitDisplay: 'long' | 'short' = 'long',
    ) => format.number(value, { style: 'unit', unit: unitName, unitDisplay, maximumFractionDigits: fractionDigits });
    const dayShort = (day: string) =>
      format.dateTime(portalDayTime(day), { day: 'numeric', month: 'short', timeZone: 'UTC' });
    const clockDateTime = (clockTime: number) =>
      format.dateTime(clockTime, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
    const percentRange = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });

    return {
      /** Efficiency is a whole number 0–100: "87%" in English, "87 %" in Russian. */
      percent: (value: number) => format.number(value / 100, { style: 'percent', maximumFractionDigits: 0 }),
      /** A range of efficiency, "60%–69%" / "60–69 %". */
      percentRange: (from: number, to: number) => percentRange.formatRange(from / 100, to / 100),
      count: (value: number) => format.number(value, { maximumFractionDigits: 0 }),
      /** A plain figure with at most one decimal, for tables of days. */
      decimal: (value: number) => format.number(value, { maximumFractionDigits: 1 }),
      /** In days from 2 days up, hours from 2 hours, else minutes: "3.2 days" / "3,2 дня". */
      duration: (ms: number) => {
        if (ms >= 2 * dayMs) return unit(ms / dayMs, 'day', 1);
        if (ms >= 2 * hourMs) return unit(ms / hourMs, 'hour', 1);
        return unit(Math.round(ms / minuteMs), 'minute', 0);
      },
      /** Axis ticks of a scale in days: "3.2 days" / "3,2 дн.". */
      daysShort: (days: number) => unit(days, 'day', 1, 'short'),
      /** A portal day in full: "May 12, 2026" / "12 мая 2026 г.". */
      day: (day: string) => format.dateTime(portalDayTime(day), { dateStyle: 'medium', timeZone: 'UTC' }),
      /** A portal day on an axis: "May 12" / "12 мая". */
      dayShort,
      /** A moment on the portal's wall clock (see portalClockTime) on an axis: "May 12". */
      clockDayShort: (clockTime: number) =>
        format.dateTime(clockTime, { day: 'numeric', month: 'short', timeZone: 'UTC' }),
      /** A moment on the portal's wall clock in full: "May 12, 2026, 12:30 PM". */
      clockDateTime,
      /** An ISO week by its Monday: "Week of May 12" / "Неделя с 12 мая". */
      week: (monday: string) => t('week', { date: dayShort(monday) }),
      /** An ISO timestamp as the portal's clock showed it: "May 12, 2026, 12:30 PM". */
      portalTime: (iso: string, timeZoneOffset: string) => clockDateTime(portalClockTime(iso, timeZoneOffset)),
      /** A chart's caption line: "Last 30 days · portal time UTC+03:00". */
      windowCaption: (window: PortalWindow) => t('window', { days: window.days, offset: window.timeZoneOffset }),
    };
  }, [format, locale, t]);
}

export type ChartFormat = ReturnType<typeof useChartFormat>;
