import { describe, expect, it } from 'vitest';
import {
  DAY,
  HOUR,
  addWeekdayTime,
  duringWorkingDay,
  formatPortalDate,
  localDayOfWeek,
  parsePortalDate,
  portalClock,
} from './portal-time';

const moscow = portalClock('+03:00');
const at = (iso: string) => parsePortalDate(iso);
const text = (seconds: number) => formatPortalDate(seconds, moscow);

describe('portal dates', () => {
  it('writes ISO dates in the portal offset, without milliseconds', () => {
    expect(text(at('2026-03-01T10:15:00+03:00'))).toBe('2026-03-01T10:15:00+03:00');
    expect(text(at('2026-03-01T23:59:59Z'))).toBe('2026-03-02T02:59:59+03:00');
    expect(formatPortalDate(at('2026-03-01T01:00:00Z'), portalClock('-05:00'))).toBe('2026-02-28T20:00:00-05:00');
  });

  it('knows weekdays in portal time', () => {
    // 2026-05-29 is a Friday; 21:30 UTC is already Saturday in Moscow.
    expect(localDayOfWeek(at('2026-05-29T12:00:00+03:00'), moscow)).toBe(5);
    expect(localDayOfWeek(at('2026-05-29T21:30:00Z'), moscow)).toBe(6);
    expect(localDayOfWeek(at('2026-05-31T23:59:59+03:00'), moscow)).toBe(0);
  });
});

describe('addWeekdayTime', () => {
  it('counts only Monday to Friday', () => {
    expect(text(addWeekdayTime(at('2026-05-29T20:00:00+03:00'), 10 * HOUR, moscow))).toBe('2026-06-01T06:00:00+03:00');
    expect(text(addWeekdayTime(at('2026-05-27T10:00:00+03:00'), 2 * DAY, moscow))).toBe('2026-05-29T10:00:00+03:00');
    expect(text(addWeekdayTime(at('2026-05-28T10:00:00+03:00'), 2 * DAY, moscow))).toBe('2026-06-01T10:00:00+03:00');
  });

  it('starts a weekend task on Monday morning and skips whole weeks at once', () => {
    expect(text(addWeekdayTime(at('2026-05-30T15:00:00+03:00'), 4 * HOUR, moscow))).toBe('2026-06-01T04:00:00+03:00');
    expect(text(addWeekdayTime(at('2026-05-27T10:00:00+03:00'), 15 * DAY, moscow))).toBe('2026-06-17T10:00:00+03:00');
  });
});

describe('duringWorkingDay', () => {
  it('moves night actions to the morning, or back into the evening', () => {
    const from = at('2026-05-27T10:00:00+03:00');
    expect(text(duringWorkingDay(at('2026-05-28T03:20:00+03:00'), from, moscow))).toBe('2026-05-28T08:20:00+03:00');
    expect(text(duringWorkingDay(at('2026-05-27T22:40:00+03:00'), from, moscow))).toBe('2026-05-27T20:40:00+03:00');
    expect(text(duringWorkingDay(at('2026-05-27T22:40:00+03:00'), at('2026-05-27T21:10:00+03:00'), moscow))).toBe(
      '2026-05-27T21:10:00+03:00',
    );
    expect(text(duringWorkingDay(at('2026-05-27T14:00:00+03:00'), from, moscow))).toBe('2026-05-27T14:00:00+03:00');
  });
});
