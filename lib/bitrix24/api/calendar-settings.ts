import { z } from 'zod';
import type { Bitrix24Client } from '../client';

const time = z.union([z.string(), z.number()]).nullish();

/**
 * The portal's main calendar settings (b24restdocs `api-reference/calendar/calendar-settings-get.md`,
 * scope `calendar`): working hours as "9" or "9.30", holidays as "1.01,7.01,…", days off as
 * ["SA","SU"]. Only the fields the working calendar needs are read; the rest pass through.
 */
export const calendarSettingsSchema = z
  .object({
    work_time_start: time,
    work_time_end: time,
    year_holidays: z.string().nullish(),
    week_holidays: z.array(z.string()).nullish(),
  })
  .passthrough();
export type CalendarSettings = z.infer<typeof calendarSettingsSchema>;

export async function calendarSettings(client: Bitrix24Client): Promise<CalendarSettings> {
  return (await client.call('calendar.settings.get', {}, calendarSettingsSchema)).result;
}
