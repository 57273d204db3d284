import { dayMs } from '@/lib/time/durations';
import { isDayOff, type WorkCalendar } from '@/lib/time/work-calendar';

const minuteMs = 60_000;
/** The tasks module rounds a computed deadline up to whole five minutes. */
const roundToMinutes = 5;
/** It gives up after five years of days off, as the module does. */
const maxDays = 5 * 365 + 2;

/**
 * The deadline Bitrix24 gives a task added to a flow (docs/bitrix24.md, "A flow task's deadline"):
 * the planned time after its creation, seconds dropped. Without work-time matching, in calendar
 * time. With it, only working days count, each a whole 24 hours (days off and holidays of the
 * portal's calendar are skipped, the hours of a working day are not); a deadline that lands before
 * the working day starts moves to its start, one after the working day ends to the next day's start
 * (a day off or not). The result is rounded up to five minutes. Times are the portal's wall clock
 * (`offsetMinutes` from UTC); returns epoch milliseconds.
 */
export function flowDeadline(
  createdAt: number,
  plannedSeconds: number,
  matchWorkTime: boolean,
  calendar: WorkCalendar,
  offsetMinutes: number,
): number {
  const shift = offsetMinutes * minuteMs;
  const start = Math.floor((createdAt + shift) / minuteMs) * minuteMs;
  if (plannedSeconds <= 0) return start - shift;
  let offset = plannedSeconds * 1000;
  if (!matchWorkTime) return roundUp(start + offset) - shift;

  const dayOff = (local: number) => isDayOff(calendar, new Date(local).toISOString().slice(0, 10));
  const midnight = (local: number) => Math.floor(local / dayMs) * dayMs;
  const within = (local: number) => {
    const shiftStart = midnight(local) + calendar.workStart * minuteMs;
    const shiftEnd = midnight(local) + calendar.workEnd * minuteMs;
    if (local < shiftStart) return shiftStart;
    return local > shiftEnd ? shiftStart + dayMs : local;
  };

  let at = start;
  if (!dayOff(at)) {
    const restOfDay = midnight(at) + dayMs - at;
    if (restOfDay >= offset) return roundUp(within(at + offset)) - shift;
    offset -= restOfDay;
  }
  at += dayMs;
  for (let day = 0; day < maxDays; day++) {
    if (!dayOff(at)) {
      at = midnight(at);
      if (offset <= dayMs) return roundUp(within(at + offset)) - shift;
      offset -= dayMs;
    }
    at += dayMs;
  }
  return roundUp(at) - shift;
}

/** Minutes up to the next multiple of five; seconds go with it (they stay when no rounding is needed). */
function roundUp(local: number): number {
  const minute = Math.floor(local / minuteMs);
  const remainder = minute % roundToMinutes;
  return remainder === 0 ? local : (minute + roundToMinutes - remainder) * minuteMs;
}
