import { describe, expect, it } from 'vitest';
import { dayOffTime, defaultWorkCalendar, isDayOff, workingDaysTime } from './work-calendar';

describe('isDayOff', () => {
  it('takes Saturday and Sunday off by default, and no holidays', () => {
    expect(isDayOff(defaultWorkCalendar, '2026-11-07')).toBe(true);
    expect(isDayOff(defaultWorkCalendar, '2026-11-08')).toBe(true);
    expect(isDayOff(defaultWorkCalendar, '2026-11-04')).toBe(false);
  });

  it("follows the portal's week and its holidays, every year", () => {
    const calendar = { ...defaultWorkCalendar, daysOff: [5, 6], holidays: ['11-04'], source: 'portal' as const };
    expect(isDayOff(calendar, '2026-11-04')).toBe(true);
    expect(isDayOff(calendar, '2027-11-04')).toBe(true);
    expect(isDayOff(calendar, '2026-11-06')).toBe(true);
    expect(isDayOff(calendar, '2026-11-08')).toBe(false);
  });
});

describe('dayOffTime', () => {
  const hour = 60 * 60 * 1000;
  // Portal time UTC+3: Friday 2026-11-06 18:00 to Monday 2026-11-09 10:00.
  const friday18 = Date.parse('2026-11-06T18:00:00+03:00');
  const monday10 = Date.parse('2026-11-09T10:00:00+03:00');

  it('counts the whole weekend between Friday evening and Monday morning, in portal days', () => {
    expect(dayOffTime(defaultWorkCalendar, 180, friday18, monday10)).toBe(48 * hour);
  });

  it('counts the part of a day off inside the span, and nothing on working days', () => {
    const saturday12 = Date.parse('2026-11-07T12:00:00+03:00');
    expect(dayOffTime(defaultWorkCalendar, 180, friday18, saturday12)).toBe(12 * hour);
    expect(dayOffTime(defaultWorkCalendar, 180, Date.parse('2026-11-04T09:00:00+03:00'), friday18)).toBe(0);
    expect(dayOffTime(defaultWorkCalendar, 180, monday10, friday18)).toBe(0);
  });

  it("takes the portal's holidays off too", () => {
    const calendar = { ...defaultWorkCalendar, holidays: ['11-04'], source: 'portal' as const };
    const tuesday = Date.parse('2026-11-03T12:00:00+03:00');
    const thursday = Date.parse('2026-11-05T12:00:00+03:00');
    expect(dayOffTime(calendar, 180, tuesday, thursday)).toBe(24 * hour);
  });
});

describe('workingDaysTime', () => {
  const hour = 60 * 60 * 1000;
  it('leaves the days off out of a span, and an empty span is nothing', () => {
    const friday18 = Date.parse('2026-11-06T18:00:00+03:00');
    const monday10 = Date.parse('2026-11-09T10:00:00+03:00');
    expect(workingDaysTime(defaultWorkCalendar, 180, friday18, monday10)).toBe(16 * hour);
    expect(workingDaysTime(defaultWorkCalendar, 180, monday10, friday18)).toBe(0);
  });
});
