import { notifyUser } from '@/lib/bitrix24/api/calendar-and-notify';
import type { Bitrix24Client } from '@/lib/bitrix24/client';
import { Bitrix24Error } from '@/lib/bitrix24/errors';
import { offsetMinutes } from '@/lib/bitrix24/portal-dates';
import type { PrismaClient } from '@/lib/db/client';
import { alertSettings, inQuietHours, portalDayStart } from './alert-settings';

/** What a delivery round did. */
export type AlertDeliveryRound = { sent: number; refused: number; held: number };

/**
 * Sends the portal's held alerts whose time has come (docs/alerts.md, "Delivery"): none in quiet
 * hours, and no more to one person in a portal day than the daily cap; those wait, with the reason
 * on record, and go out later while their episode is still open. Each alert is claimed (held →
 * sending) before the call, so two instances never send the same one. The portal is not called
 * when nothing is due.
 */
export async function deliverAlerts(
  db: PrismaClient,
  clientFor: () => Promise<Bitrix24Client>,
  portalId: string,
  now: Date,
): Promise<AlertDeliveryRound> {
  const round: AlertDeliveryRound = { sent: 0, refused: 0, held: 0 };
  const waiting = await db.alertDelivery.findMany({
    where: { state: 'held', flow: { portalId } },
    orderBy: { createdAt: 'asc' },
    select: { id: true, recipientId: true, message: true },
  });
  if (waiting.length === 0) return round;
  const portal = await db.portal.findUniqueOrThrow({ where: { id: portalId }, select: { timeZoneOffset: true } });
  const offset = offsetMinutes(portal.timeZoneOffset);
  const settings = await alertSettings(db);
  if (inQuietHours(settings, now.getTime(), offset)) {
    await db.alertDelivery.updateMany({
      where: { id: { in: waiting.map((row) => row.id) } },
      data: { reason: 'quiet-hours' },
    });
    return { ...round, held: waiting.length };
  }
  const dayStart = portalDayStart(now.getTime(), offset);
  // The portal's client is opened only once something is to be sent.
  let client: Bitrix24Client | null = null;
  const sentToday = new Map<number, number>();
  for (const delivery of waiting) {
    if (!sentToday.has(delivery.recipientId))
      sentToday.set(
        delivery.recipientId,
        await db.alertDelivery.count({
          where: { recipientId: delivery.recipientId, state: 'sent', sentAt: { gte: dayStart }, flow: { portalId } },
        }),
      );
    if (sentToday.get(delivery.recipientId)! >= settings.dailyCap) {
      await db.alertDelivery.update({ where: { id: delivery.id }, data: { reason: 'daily-cap' } });
      round.held++;
      continue;
    }
    const claimed = await db.alertDelivery.updateMany({
      where: { id: delivery.id, state: 'held' },
      data: { state: 'sending', reason: null },
    });
    if (claimed.count === 0) continue;
    client ??= await clientFor();
    const outcome = await sendOne(client, delivery.recipientId, delivery.message);
    await db.alertDelivery.update({
      where: { id: delivery.id },
      data: outcome.ok
        ? { state: 'sent', sentAt: now, bitrixNotificationId: outcome.id }
        : // A busy or unreachable portal is asked again next round; a refusal is final.
          { state: outcome.retry ? 'held' : 'refused', reason: outcome.reason },
    });
    if (outcome.ok) {
      round.sent++;
      sentToday.set(delivery.recipientId, sentToday.get(delivery.recipientId)! + 1);
    } else if (outcome.retry) round.held++;
    else round.refused++;
  }
  return round;
}

/** Sends one notification; the portal's refusal as a reason the log shows (a missing `im` scope by name). */
export async function sendOne(
  client: Bitrix24Client,
  recipientId: number,
  message: string,
): Promise<{ ok: true; id: number } | { ok: false; retry: boolean; reason: string }> {
  try {
    const id = await notifyUser(client, recipientId, message);
    return id === null ? { ok: false, retry: false, reason: 'not-created' } : { ok: true, id };
  } catch (error) {
    if (!(error instanceof Bitrix24Error)) throw error;
    if (error.kind === 'missing-scope') return { ok: false, retry: false, reason: 'missing-scope' };
    const code = error.details.code ? `${error.details.code}: ` : '';
    return { ok: false, retry: error.retryable, reason: `${code}${error.message}`.slice(0, 500) };
  }
}
