'use server';

import { z } from 'zod';
import { authorizedAction } from '@/lib/auth/guards';
import { testPortalConnection } from '@/lib/portals/test-portal-connection';
import { keepingSecret, webhookUrlSchema } from '@/lib/portals/webhook-url';

/** Admin: tests a pasted incoming webhook (reachable, permissions, Flows) without storing anything. */
export const testWebhookConnectionAction = authorizedAction(
  ['admin'],
  z.object({ webhookUrl: webhookUrlSchema }),
  async ({ webhookUrl }) => keepingSecret(webhookUrl.code, () => testPortalConnection(webhookUrl)),
);
