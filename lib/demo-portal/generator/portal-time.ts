import { offsetMinutes } from '@/lib/bitrix24/portal-dates';

/**
 * Time as the generator keeps it: whole epoch seconds (the portal's dates carry no
 * milliseconds), read and written in the portal's UTC offset. Weekdays are the portal's local
 * ones, since that is where weekends fall for deadlines and for people.
 */
export const MINUTE = 60;
export const HOUR = 3600;
export const DAY = 86_400;
const WEEKDAYS_PER_WEEK = 5;

export type PortalClock = { offsetSeconds: number; offsetText: string };

export function portalClock(timeZoneOffset: string): PortalClock {
  return { offsetSeconds: offsetMinutes(timeZoneOffset) * 60, offsetText: timeZoneOffset };
}

/** The offset written at the end of an ISO date: "+03:00". */
export function offsetOf(isoDate: string): string {
  const match = /([+-]\d{2}:\d{2})$/.exec(isoDate);
  if (!match?.[1]) throw new Error(`Not an ISO date with a UTC offset: ${isoDate}`);
  return match[1];
}

export function parsePortalDate(isoDate: string): number {
  const ms = Date.parse(isoDate);
  if (Number.isNaN(ms)) throw new Error(`Not a date: ${isoDate}`);
  return Math.floor(ms / 1000);
}

const twoDigits = Array.from({ length: 60 }, (_, n) => String(n).padStart(2, '0'));
/** "2026-03-01T" by local day number; a company spans a few hundred days, so this stays small. */
const dayPrefixes = new Map<number, string>();

/** "2026-03-01T10:15:00+03:00". Built by hand: it runs for every date of a million tasks. */
export function formatPortalDate(seconds: number, clock: PortalClock): string {
  const local = Math.floor(seconds) + clock.offsetSeconds;
  const day = Math.floor(local / DAY);
  let prefix = dayPrefixes.get(day);
  if (prefix === undefined) {
    prefix = new Date(day * DAY * 1000).toISOString().slice(0, 11);
    dayPrefixes.set(day, prefix);
  }
  const time = local - day * DAY;
  return `${prefix}${twoDigits[Math.floor(time / HOUR)]}:${twoDigits[Math.floor(time / MINUTE) % 60]}:${twoDigits[time % 60]}${clock.offsetText}`;
}

/** 0 Sunday … 6 Saturday, in portal time. */
export function localDayOfWeek(seconds: number, clock: PortalClock): number {
  // 1970-01-01 was a Thursday.
  return (Math.floor((seconds + clock.offsetSeconds) / DAY) + 4) % 7;
}

/** Seconds since local midnight. */
export function localTimeOfDay(seconds: number, clock: PortalClock): number {
  return (((seconds + clock.offsetSeconds) % DAY) + DAY) % DAY;
}

export function localMidnight(seconds: number, clock: PortalClock): number {
  return seconds - localTimeOfDay(seconds, clock);
}

/**
 * `start` plus `duration` seconds of weekday time: Saturdays and Sundays do not count. This is
 * how the portal sets deadlines when a flow matches work time, and how the generator lets people
 * work (nobody moves a task on a weekend).
 */
export function addWeekdayTime(start: number, duration: number, clock: PortalClock): number {
  let at = skipWeekend(start, clock);
  let left = Math.max(0, Math.round(duration));
  // Whole weeks of weekday time are whole calendar weeks.
  const weeks = Math.floor(left / (WEEKDAYS_PER_WEEK * DAY));
  at += weeks * 7 * DAY;
  left -= weeks * WEEKDAYS_PER_WEEK * DAY;
  for (;;) {
    const untilMidnight = DAY - localTimeOfDay(at, clock);
    if (left < untilMidnight) return at + left;
    left -= untilMidnight;
    at = skipWeekend(at + untilMidnight, clock);
  }
}

function skipWeekend(seconds: number, clock: PortalClock): number {
  const day = localDayOfWeek(seconds, clock);
  if (day === 6) return localMidnight(seconds, clock) + 2 * DAY;
  if (day === 0) return localMidnight(seconds, clock) + DAY;
  return seconds;
}

const WORKDAY_START = 8 * HOUR;
const WORKDAY_END = 21 * HOUR;

/**
 * Moves a person's action out of the night: before 08:00 it waits for the morning; from 21:00
 * it is pulled back into the evening hour before (never before `notBefore`, the step it follows).
 */
export function duringWorkingDay(at: number, notBefore: number, clock: PortalClock): number {
  const timeOfDay = localTimeOfDay(at, clock);
  if (timeOfDay < WORKDAY_START) return at + WORKDAY_START - timeOfDay + (timeOfDay % HOUR);
  if (timeOfDay >= WORKDAY_END) return Math.max(notBefore, at - (Math.floor(timeOfDay / HOUR) - 20) * HOUR);
  return at;
}
