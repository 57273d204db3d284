'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { demoAccounts, demoPortalId } from '@/lib/auth/demo-accounts';
import { authorizedAction } from '@/lib/auth/guards';
import { ActionError } from '@/lib/errors/action-error';
import { db } from '@/lib/db/client';
import { appBoss } from '@/lib/jobs/web-job-sender';
import { connectWebhookPortal } from '@/lib/portals/connect-webhook-portal';
import { keepingSecret, webhookUrlSchema } from '@/lib/portals/webhook-url';
import { appSecretBox } from '@/lib/security/app-secret-box';
import { requestSync } from '@/lib/jobs/request-sync';

const input = z.object({
  webhookUrl: webhookUrlSchema,
  /** The outgoing webhook's application token (docs/bitrix24.md, "Calling Bitrix24"); empty keeps the stored one. */
  applicationToken: z
    .string()
    .trim()
    .max(256, 'token')
    .regex(/^\S*$/, 'token')
    .optional()
    .transform((token) => token || null),
});

/**
 * Admin: connects the portal of an incoming webhook after testing it (refused, with the report,
 * while a needed permission or Flows is missing), replaces the demo portal and starts the first
 * full sync.
 */
export const connectWebhookPortalAction = authorizedAction(
  ['admin'],
  input,
  async ({ webhookUrl, applicationToken }, viewer) => {
    const database = db();
    // Connecting a real portal switches the demo accounts off, which would sign this admin out for good.
    if (demoAccounts.some((account) => account.email === viewer.email) && (await demoPortalId(database))) {
      throw new ActionError(
        'demo-account',
        'Demo accounts are switched off when a real portal is connected; sign in with your own admin account first.',
      );
    }
    const result = await keepingSecret(webhookUrl.code, async () =>
      connectWebhookPortal(
        database,
        appSecretBox(),
        { webhook: webhookUrl, applicationToken },
        { startSync: async (portalId) => requestSync(database, await appBoss(), portalId, 'full') },
      ),
    );
    if (result.connected) revalidatePath('/', 'layout');
    return result.connected
      ? {
          connected: true as const,
          report: result.report,
          syncStarted: result.syncStarted,
          removedDemoPortal: result.removedDemoPortals > 0,
          demoModeEnded: result.demoModeEnded?.state === 'disabled' ? result.demoModeEnded : null,
        }
      : { connected: false as const, report: result.report };
  },
);
