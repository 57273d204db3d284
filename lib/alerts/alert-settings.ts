import { z } from 'zod';
import type { PrismaClient } from '@/lib/db/client';
import { hourMs, dayMs } from '@/lib/time/durations';
import { locales, type Locale } from '@/lib/i18n/locales';

/** The deployment's alert limits (docs/alerts.md, "Delivery"). */
export type AlertSettings = {
  /** Hours 0–23 in portal time: no alert goes out from `quietFrom` until `quietTo`; equal means never quiet. */
  quietFrom: number;
  quietTo: number;
  /** Alerts one person gets in a portal day at most; the rest wait for the next day. */
  dailyCap: number;
  /** The language of alerts to people without a Flowpilot account. */
  locale: Locale;
};

export const alertSettingsInputSchema = z.object({
  quietFrom: z.number().int().min(0).max(23),
  quietTo: z.number().int().min(0).max(23),
  dailyCap: z.number().int().min(1).max(100),
  locale: z.enum(locales),
});

const defaults: AlertSettings = { quietFrom: 20, quietTo: 9, dailyCap: 10, locale: 'ru' };

export async function alertSettings(db: PrismaClient): Promise<AlertSettings> {
  const row = await db.alertSettings.findUnique({ where: { id: 1 } });
  if (!row) return defaults;
  // A hand-edited language falls back to the default rather than failing every alert.
  const locale = z.enum(locales).safeParse(row.locale);
  return { ...row, locale: locale.success ? locale.data : defaults.locale };
}

export async function saveAlertSettings(db: PrismaClient, input: AlertSettings): Promise<AlertSettings> {
  const data = alertSettingsInputSchema.parse(input);
  await db.alertSettings.upsert({ where: { id: 1 }, create: { id: 1, ...data }, update: data });
  return data;
}

/** The hour of the day at `now` in portal time (offset in minutes east of UTC). */
function portalHour(now: number, offsetMinutes: number): number {
  return Math.floor(((((now + offsetMinutes * 60_000) % dayMs) + dayMs) % dayMs) / hourMs);
}

/** Whether `now` falls in the quiet hours, which may run over midnight (20 → 9). */
export function inQuietHours(
  settings: Pick<AlertSettings, 'quietFrom' | 'quietTo'>,
  now: number,
  offsetMinutes: number,
): boolean {
  const { quietFrom: from, quietTo: to } = settings;
  if (from === to) return false;
  const hour = portalHour(now, offsetMinutes);
  return from < to ? hour >= from && hour < to : hour >= from || hour < to;
}

/** The start of the portal day that `now` falls in. */
export function portalDayStart(now: number, offsetMinutes: number): Date {
  const shift = offsetMinutes * 60_000;
  return new Date(Math.floor((now + shift) / dayMs) * dayMs - shift);
}
