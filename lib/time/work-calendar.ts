import { z } from 'zod';
import { dayMs } from './durations';

/**
 * A portal's working calendar as the tasks module reads it (docs/bitrix24.md, "The working
 * calendar"): days of the week off, holidays that repeat every year, and the working hours.
 */
export type WorkCalendar = {
  /** Days of the week off: 0 is Sunday, 6 Saturday. */
  daysOff: number[];
  /** Holidays as "MM-DD", the same every year. */
  holidays: string[];
  /** Minutes from midnight, portal time. */
  workStart: number;
  workEnd: number;
  /** `portal`: read from Bitrix24; `default`: Bitrix24's own defaults, used until it is read. */
  source: 'portal' | 'default';
};

/** A stored calendar (portal.workCalendar), checked before use; anything else reads as the default. */
export const workCalendarSchema = z.object({
  daysOff: z.array(z.number().int().min(0).max(6)),
  holidays: z.array(z.string().regex(/^\d{2}-\d{2}$/)),
  workStart: z.number().int().min(0).max(1440),
  workEnd: z.number().int().min(0).max(1440),
  source: z.enum(['portal', 'default']),
});

/** What the tasks module uses when the calendar says nothing: Monday to Friday, 9:00 to 19:00, no holidays. */
export const defaultWorkCalendar: WorkCalendar = {
  daysOff: [0, 6],
  holidays: [],
  workStart: 9 * 60,
  workEnd: 19 * 60,
  source: 'default',
};

/** Whether a portal day ("YYYY-MM-DD") is a day off: a day of the week off, or a holiday. */
export function isDayOff(calendar: WorkCalendar, day: string): boolean {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return calendar.daysOff.includes(weekday) || calendar.holidays.includes(day.slice(5));
}

/** The calendar stored for a portal, or the default when none was read (or it does not parse). */
export function storedWorkCalendar(value: unknown): WorkCalendar {
  const parsed = workCalendarSchema.safeParse(value);
  return parsed.success ? parsed.data : defaultWorkCalendar;
}

/**
 * How much of [from, to) falls on days off of the calendar, in milliseconds; days are portal days
 * (UTC shifted by `offsetMinutes`). Nobody works then: a time measured without it is the time on
 * working days, which is how a flow that matches work time counts its plan.
 */
export function dayOffTime(calendar: WorkCalendar, offsetMinutes: number, from: number, to: number): number {
  if (to <= from) return 0;
  const shift = offsetMinutes * 60_000;
  let total = 0;
  // Walk portal days from the one that holds `from`; each adds the part of it inside [from, to).
  for (let dayStart = Math.floor((from + shift) / dayMs) * dayMs - shift; dayStart < to; dayStart += dayMs) {
    const day = new Date(dayStart + shift).toISOString().slice(0, 10);
    if (isDayOff(calendar, day)) total += Math.min(to, dayStart + dayMs) - Math.max(from, dayStart);
  }
  return total;
}

/** The length of [from, to) on working days only: the days off in it left out (0 for an empty span). */
export function workingDaysTime(calendar: WorkCalendar, offsetMinutes: number, from: number, to: number): number {
  return Math.max(0, to - from) - dayOffTime(calendar, offsetMinutes, from, to);
}
