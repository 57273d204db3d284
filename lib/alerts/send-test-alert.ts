import { z } from 'zod';
import type { Viewer } from '@/lib/auth/viewer';
import type { Bitrix24Client } from '@/lib/bitrix24/client';
import type { PrismaClient } from '@/lib/db/client';
import { ActionError } from '@/lib/errors/action-error';
import { visibleFlowsWhere } from '@/lib/flows/flow-access';
import type { Locale } from '@/lib/i18n/locales';
import { testAlertMessage } from './alert-message';
import { sendOne } from './deliver-alerts';

export const testAlertInputSchema = z.object({ flowId: z.uuid() });

/**
 * Sends the viewer, through their own Bitrix24 employee, a test alert for a flow they may see, and
 * logs it like any alert. A refusal (no `im` permission, a portal error) comes back as the error
 * the page shows, with the portal's reason.
 */
export async function sendTestAlert(
  db: PrismaClient,
  clientFor: (portalId: string) => Promise<Bitrix24Client>,
  viewer: Viewer,
  input: { flowId: string; locale: Locale; flowUrl: (flowId: string) => Promise<string> | string },
): Promise<{ bitrixNotificationId: number }> {
  const flow = await db.flow.findFirst({
    where: { AND: [{ id: input.flowId }, visibleFlowsWhere(viewer)] },
    select: { id: true, name: true, portalId: true },
  });
  if (!flow) throw new ActionError('not-found', 'No such flow.');
  if (viewer.bitrixUserId === null || viewer.portalId !== flow.portalId)
    throw new ActionError('no-employee', 'This account is not linked to an employee of the flow’s portal.');
  const message = testAlertMessage(input.locale, { flowName: flow.name, flowUrl: await input.flowUrl(flow.id) });
  const outcome = await sendOne(await clientFor(flow.portalId), viewer.bitrixUserId, message);
  await db.alertDelivery.create({
    data: {
      flowId: flow.id,
      recipientId: viewer.bitrixUserId,
      locale: input.locale,
      message,
      requestedById: viewer.id,
      ...(outcome.ok
        ? { state: 'sent', sentAt: new Date(), bitrixNotificationId: outcome.id }
        : { state: 'refused', reason: outcome.reason }),
    },
  });
  if (outcome.ok) return { bitrixNotificationId: outcome.id };
  if (outcome.reason === 'missing-scope') throw new ActionError('missing-scope', 'The connection lacks the im scope.');
  throw new ActionError('refused', outcome.reason);
}
