'use server';

import { headers } from 'next/headers';
import { getLocale } from 'next-intl/server';
import { flowPageUrl } from '@/lib/alerts/check-portal-alerts';
import { sendTestAlert, testAlertInputSchema } from '@/lib/alerts/send-test-alert';
import { authorizedAction } from '@/lib/auth/guards';
import { db } from '@/lib/db/client';
import { env } from '@/lib/env';
import { isLocale } from '@/lib/i18n/locales';
import { appAddress } from '@/lib/portals/events-url';
import { appPortalClient } from '@/lib/portals/app-portal-client';

/** Admin or lead: a test alert for a flow, to the viewer's own Bitrix24 employee. */
export const sendTestAlertAction = authorizedAction(
  ['admin', 'lead'],
  testAlertInputSchema,
  async ({ flowId }, viewer) => {
    const locale = await getLocale();
    return sendTestAlert(db(), appPortalClient, viewer, {
      flowId,
      locale: isLocale(locale) ? locale : 'ru',
      flowUrl: async (id) => flowPageUrl(appAddress(env().APP_URL, await headers(), ''), id),
    });
  },
);
