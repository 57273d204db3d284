import { z } from 'zod';
import { serverTime } from '@/lib/bitrix24/api/calendar-and-notify';
import type { Bitrix24Client } from '@/lib/bitrix24/client';
import { timeZoneOffsetOf } from '@/lib/portals/connection-report';

/**
 * The time zone the portal's days are read in. Bitrix24 publishes no portal-wide zone over REST;
 * `profile` gives the connection user's TIME_ZONE (an IANA name, "" when none is set: b24restdocs
 * `api-reference/common/users/profile.md`), and `server.time` the server's clock with its offset
 * (`api-reference/common/system/server-time.md`). The user's zone wins and brings summer time
 * with it; without one the server's offset is all there is, fixed until the next sync.
 */
export type PortalTimeZone = { timeZone: string | null; offset: string };

const profileSchema = z.object({ TIME_ZONE: z.string().nullish() }).passthrough();

export async function readPortalTimeZone(client: Bitrix24Client, now = Date.now()): Promise<PortalTimeZone | null> {
  const [profile, serverClock] = await Promise.all([client.call('profile', {}, profileSchema), serverTime(client)]);
  return portalTimeZoneOf(profile.result.TIME_ZONE ?? '', serverClock, now);
}

/** The zone from the user's TIME_ZONE when it is a zone this server knows, else the server clock's offset; null when neither says. */
export function portalTimeZoneOf(userTimeZone: string, serverClock: string, now: number): PortalTimeZone | null {
  const zone = userTimeZone.trim();
  if (zone && isTimeZone(zone)) return { timeZone: zone, offset: zoneOffset(zone, now) };
  const offset = timeZoneOffsetOf(serverClock);
  return offset ? { timeZone: null, offset } : null;
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The zone's UTC offset at a moment, as "+02:00". */
export function zoneOffset(zone: string, at: number): string {
  const name =
    new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
      .formatToParts(new Date(at))
      .find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  // "GMT" alone is UTC itself.
  return /^GMT([+-]\d{2}:\d{2})$/.exec(name)?.[1] ?? '+00:00';
}
