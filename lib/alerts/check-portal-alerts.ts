import type { Bitrix24Client } from '@/lib/bitrix24/client';
import type { PrismaClient } from '@/lib/db/client';
import { deliverAlerts, type AlertDeliveryRound } from './deliver-alerts';
import { evaluateAlerts, type AlertCheck, type AlertCheckOptions } from './evaluate-alerts';

/** One alert round for a portal: check the rules, then send what is due. */
export async function checkPortalAlerts(
  db: PrismaClient,
  client: () => Promise<Bitrix24Client>,
  portalId: string,
  options: AlertCheckOptions,
): Promise<AlertCheck & AlertDeliveryRound> {
  const check = await evaluateAlerts(db, portalId, options);
  return { ...check, ...(await deliverAlerts(db, client, portalId, options.now)) };
}

/** The flow's page in Flowpilot, for links in notifications. */
export function flowPageUrl(appUrl: string, flowId: string): string {
  return `${appUrl.replace(/\/+$/, '')}/flows/${encodeURIComponent(flowId)}`;
}
