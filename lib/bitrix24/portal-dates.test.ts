import { describe, expect, it } from 'vitest';
import { formatPortalDate, parsePortalDate } from './portal-dates';

const moment = Date.UTC(2026, 2, 20, 12, 30, 5);

describe('portal dates', () => {
  it('reads ISO with an offset, and Z', () => {
    expect(parsePortalDate('2026-03-20T15:30:05+03:00')).toBe(moment);
    expect(parsePortalDate('2026-03-20T12:30:05Z')).toBe(moment);
    expect(parsePortalDate('2026-03-20T15:30:05+0300')).toBe(moment);
  });

  it('reads the legacy DD.MM.YYYY HH:MM:SS and YYYY-MM-DD HH:MM:SS in the portal time zone', () => {
    expect(parsePortalDate('20.03.2026 15:30:05', '+03:00')).toBe(moment);
    expect(parsePortalDate('2026-03-20 15:30:05', '+03:00')).toBe(moment);
    expect(parsePortalDate('2026-03-20 07:30:05', '-05:00')).toBe(moment);
    expect(parsePortalDate('20.03.2026', '+03:00')).toBe(Date.UTC(2026, 2, 19, 21));
  });

  it('gives null for empties and nonsense', () => {
    for (const value of [null, undefined, '', {}, 'soon', '32.13.2026 10:00:00', '2026-13-01 00:00:00']) {
      expect(parsePortalDate(value)).toBeNull();
    }
  });

  it('writes ISO with the portal offset', () => {
    expect(formatPortalDate(moment, '+03:00')).toBe('2026-03-20T15:30:05+03:00');
    expect(formatPortalDate(moment, '-05:00')).toBe('2026-03-20T07:30:05-05:00');
    expect(parsePortalDate(formatPortalDate(moment, '+05:30'))).toBe(moment);
  });
});
