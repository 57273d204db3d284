import { describe, expect, it } from 'vitest';
import { defaultWorkCalendar, isDayOff } from './work-calendar';

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
