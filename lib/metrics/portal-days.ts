import { offsetMinutes } from '@/lib/bitrix24/portal-dates';
import { dayMs } from '@/lib/time/durations';

/** The portal's calendar day of a moment, as YYYY-MM-DD (daily figures are kept by portal day). */
export function portalDay(time: number, offset: string): string {
  return new Date(time + offsetMinutes(offset) * 60_000).toISOString().slice(0, 10);
}

/** The last moment (inclusive) of a portal day. */
export function endOfPortalDay(day: string, offset: string): number {
  return Date.parse(`${day}T00:00:00Z`) - offsetMinutes(offset) * 60_000 + dayMs - 1;
}

/** The `count` portal days ending with the day of `now`, oldest first. */
export function lastPortalDays(now: number, count: number, offset: string): string[] {
  const today = Date.parse(`${portalDay(now, offset)}T00:00:00Z`);
  return Array.from({ length: count }, (_, index) =>
    new Date(today - (count - 1 - index) * dayMs).toISOString().slice(0, 10),
  );
}

/** The Monday (YYYY-MM-DD) of the ISO week of a portal day. */
export function weekOf(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  const sinceMonday = (date.getUTCDay() + 6) % 7;
  return new Date(date.getTime() - sinceMonday * dayMs).toISOString().slice(0, 10);
}

/** The portal day `days` after (or, negative, before) a day. */
export function shiftDay(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10);
}

/** The first moment of a portal day. */
export function startOfPortalDay(day: string, offset: string): number {
  return endOfPortalDay(day, offset) + 1 - dayMs;
}
