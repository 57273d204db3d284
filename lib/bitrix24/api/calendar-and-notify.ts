import { z } from 'zod';
import type { Bitrix24Client } from '../client';

/** A meeting in the owner's calendar with attendees; returns the new event id. */
export async function addMeeting(
  client: Bitrix24Client,
  meeting: {
    ownerId: number;
    name: string;
    from: string;
    to: string;
    attendees: number[];
    description?: string;
    section?: number;
  },
): Promise<number> {
  const { result } = await client.call(
    'calendar.event.add',
    {
      type: 'user',
      ownerId: meeting.ownerId,
      name: meeting.name,
      from: meeting.from,
      to: meeting.to,
      description: meeting.description ?? '',
      is_meeting: 'Y',
      attendees: meeting.attendees,
      ...(meeting.section ? { section: meeting.section } : {}),
    },
    z.coerce.number(),
  );
  return result;
}

/** A system notification to one user; its id, or null when the portal answers `false` (not created). */
export async function notifyUser(client: Bitrix24Client, userId: number, message: string): Promise<number | null> {
  const answer = z.union([z.literal(false).transform(() => null), z.coerce.number().int().positive()]);
  return (await client.call('im.notify.system.add', { USER_ID: userId, MESSAGE: message }, answer)).result;
}

/** The portal's clock with its offset (used to learn the portal's time zone). */
export async function serverTime(client: Bitrix24Client): Promise<string> {
  return (await client.call('server.time', {}, z.string())).result;
}
