import { z } from 'zod';
import { defaultWorkCalendar, type WorkCalendar } from '@/lib/time/work-calendar';
import type { Bitrix24Client } from '../client';

const time = z.union([z.string(), z.number()]).nullish();

/**
 * The portal's main calendar settings (b24restdocs `api-reference/calendar/calendar-settings-get.md`,
 * scope `calendar`): working hours as "9" or "9.30", holidays as "1.01,7.01,…", days off as
 * ["SA","SU"]. Only the fields the working calendar needs are read; the rest pass through.
 */
export const calendarSettingsSchema = z
  .object({
    work_time_start: time,
    work_time_end: time,
    year_holidays: z.string().nullish(),
    week_holidays: z.array(z.string()).nullish(),
  })
  .passthrough();
export type CalendarSettings = z.infer<typeof calendarSettingsSchema>;

export async function calendarSettings(client: Bitrix24Client): Promise<CalendarSettings> {
  return (await client.call('calendar.settings.get', {}, calendarSettingsSchema)).result;
}

const weekdays: Record<string, number> = { SU: 0, MO: 1, TU: 2, WE: 3, TH: 4, FR: 5, SA: 6 };

/** "9" or "9.30" as minutes from midnight, as the tasks module splits it; null when it is not a time. */
function minutesOf(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined || String(value).trim() === '') return null;
  const [hours = '', minutes = '0'] = String(value).trim().split('.');
  const h = Number(hours);
  const m = Number(minutes);
  if (!Number.isInteger(h) || !Number.isInteger(m) || h < 0 || h > 24 || m < 0 || m > 59) return null;
  return h * 60 + m;
}

/**
 * The working calendar the tasks module builds from calendar.settings.get (docs/bitrix24.md, "The
 * working calendar"): its days off (none given, or all seven, falls back to Saturday and Sunday,
 * as the module does), its holidays ("D.MM" each year), its hours; anything missing keeps the
 * module's default.
 */
export function workCalendarOf(settings: CalendarSettings): WorkCalendar {
  const daysOff = [
    ...new Set((settings.week_holidays ?? []).flatMap((day) => weekdays[day.trim().toUpperCase()] ?? [])),
  ].sort();
  const holidays = [
    ...new Set(
      (settings.year_holidays ?? '').split(',').flatMap((entry) => {
        const [day, month] = entry.trim().split('.').map(Number);
        if (!day || !month || day > 31 || month > 12) return [];
        return [`${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`];
      }),
    ),
  ].sort();
  const start = minutesOf(settings.work_time_start) ?? defaultWorkCalendar.workStart;
  const end = minutesOf(settings.work_time_end) ?? defaultWorkCalendar.workEnd;
  // A day that ends before it starts is not a working day: keep the module's default hours.
  const [workStart, workEnd] =
    end > start ? [start, end] : [defaultWorkCalendar.workStart, defaultWorkCalendar.workEnd];
  return {
    daysOff: !settings.week_holidays || daysOff.length === 7 ? defaultWorkCalendar.daysOff : daysOff,
    holidays,
    workStart,
    workEnd,
    source: 'portal',
  };
}
