import { calendarSettings, workCalendarOf } from '@/lib/bitrix24/api/calendar-settings';
import type { Bitrix24Client } from '@/lib/bitrix24/client';
import type { WorkCalendar } from '@/lib/time/work-calendar';

/** The portal's working calendar, read once per sync (docs/bitrix24.md, "The working calendar"). */
export async function readPortalWorkCalendar(client: Bitrix24Client): Promise<WorkCalendar> {
  return workCalendarOf(await calendarSettings(client));
}
