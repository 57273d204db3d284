'use server';

import { headers } from 'next/headers';
import { z } from 'zod';
import { demoAccounts, demoPortalId } from '@/lib/auth/demo-accounts';
import { authorizedAction } from '@/lib/auth/guards';
import { ActionError } from '@/lib/errors/action-error';
import { db } from '@/lib/db/client';
import { env } from '@/lib/env';
import { installPath } from '@/lib/http/bitrix24-receiver-paths';
import { appAddress } from '@/lib/portals/events-url';
import { installLinkTtlMs, issueInstallState } from '@/lib/portals/install-app-connection';

/**
 * Admin: a one-time install link for the local application's "Initial installation path". The
 * link stands for this admin when Bitrix24 posts the installation; it works once, for a day.
 */
export const createAppInstallLinkAction = authorizedAction(['admin'], z.object({}), async (_input, viewer) => {
  const database = db();
  // Installing a real portal switches the demo accounts off, which would sign this admin out for good.
  if (demoAccounts.some((account) => account.email === viewer.email) && (await demoPortalId(database))) {
    throw new ActionError(
      'demo-account',
      'Demo accounts are switched off when a real portal is connected; sign in with your own admin account first.',
    );
  }
  const state = await issueInstallState(database, viewer.id);
  const installUrl = `${appAddress(env().APP_URL, await headers(), installPath)}?state=${encodeURIComponent(state)}`;
  return { installUrl, expiresAt: new Date(Date.now() + installLinkTtlMs).toISOString() };
});
