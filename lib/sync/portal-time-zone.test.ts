import { describe, expect, it } from 'vitest';
import { portalTimeZoneOf, zoneOffset } from './portal-time-zone';

describe('the portal’s time zone', () => {
  const winter = Date.UTC(2026, 0, 15, 12);
  const summer = Date.UTC(2026, 6, 15, 12);

  it('follows the connection user’s zone, summer time included', () => {
    expect(portalTimeZoneOf('Europe/Berlin', '2026-01-15T12:00:00+03:00', winter)).toEqual({
      timeZone: 'Europe/Berlin',
      offset: '+01:00',
    });
    expect(portalTimeZoneOf('Europe/Berlin', '2026-07-15T12:00:00+03:00', summer)).toEqual({
      timeZone: 'Europe/Berlin',
      offset: '+02:00',
    });
    expect(portalTimeZoneOf('America/New_York', '', summer)).toEqual({
      timeZone: 'America/New_York',
      offset: '-04:00',
    });
  });

  it('takes the server clock’s offset when the user has no zone, or one this server does not know', () => {
    expect(portalTimeZoneOf('', '2026-07-15T12:00:00+03:00', summer)).toEqual({ timeZone: null, offset: '+03:00' });
    expect(portalTimeZoneOf('Mars/Olympus', '2026-07-15T12:00:00+05:00', summer)).toEqual({
      timeZone: null,
      offset: '+05:00',
    });
    expect(portalTimeZoneOf('', 'not a date', summer)).toBeNull();
  });

  it('writes UTC and half-hour zones as offsets', () => {
    expect(zoneOffset('UTC', summer)).toBe('+00:00');
    expect(zoneOffset('Asia/Kolkata', summer)).toBe('+05:30');
  });
});
