import { describe, expect, it } from 'vitest';
import { defaultWorkCalendar } from '@/lib/time/work-calendar';
import { flowDeadline } from './flow-deadline';

/**
 * Cases worked by hand through the tasks module's code (docs/bitrix24.md, "A flow task's
 * deadline"): `Integration\Calendar\Calendar::getClosestDate`, `MatchWorkTimeStrategy`,
 * `NextWorkDateTrait`. Portal time UTC+3, Monday to Friday 9:00–19:00.
 */
const offset = 180;
const at = (text: string) => Date.parse(`${text}+03:00`);
const hour = 3600;
const deadline = (created: string, seconds: number, matchWorkTime = true, calendar = defaultWorkCalendar) =>
  new Date(flowDeadline(at(created), seconds, matchWorkTime, calendar, offset) + offset * 60_000)
    .toISOString()
    .slice(0, 16);

describe('flowDeadline', () => {
  it('counts whole 24-hour working days, skipping the weekend', () => {
    // Thursday 10:00 + 2 days: 14 h left on Thursday, Friday's 24 h, then 10 h of Monday.
    expect(deadline('2026-11-12T10:00:00', 48 * hour)).toBe('2026-11-16T10:00');
  });

  it('moves a deadline after the working day to the next day’s start, even a Saturday', () => {
    expect(deadline('2026-11-13T17:00:00', 4 * hour)).toBe('2026-11-14T09:00');
  });

  it('starts a task created on a day off at the next working day and keeps it in working hours', () => {
    // Saturday 10:00 + 2 h: Monday 00:00 + 2 h is before 9:00, so 9:00.
    expect(deadline('2026-11-14T10:00:00', 2 * hour)).toBe('2026-11-16T09:00');
  });

  it("skips the portal's holidays", () => {
    const calendar = { ...defaultWorkCalendar, holidays: ['11-04'], source: 'portal' as const };
    // Tuesday 10:00 + 24 h: 14 h of Tuesday, Wednesday is a holiday, 10 h of Thursday.
    expect(deadline('2026-11-03T10:00:00', 24 * hour, true, calendar)).toBe('2026-11-05T10:00');
  });

  it('keeps a deadline that lands exactly at the end of the working day', () => {
    expect(deadline('2026-11-12T15:00:00', 4 * hour)).toBe('2026-11-12T19:00');
  });

  it('drops the seconds and rounds up to five minutes', () => {
    expect(deadline('2026-11-12T10:02:30', hour)).toBe('2026-11-12T11:05');
    expect(deadline('2026-11-12T10:02:30', hour, false)).toBe('2026-11-12T11:05');
  });

  it('adds calendar time without work-time matching, weekend or not', () => {
    expect(deadline('2026-11-13T17:00:00', 48 * hour, false)).toBe('2026-11-15T17:00');
  });
});
