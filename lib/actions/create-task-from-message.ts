'use server';

import { authorizedAction } from '@/lib/auth/guards';
import { createTaskFromMessage, createTaskInputSchema } from '@/lib/copilot/analysis/message-actions';
import { db } from '@/lib/db/client';
import { appPortalClient } from '@/lib/portals/app-portal-client';

/** Lead or admin: a Bitrix24 task in the flow from a CoPilot message. */
export const createTaskFromMessageAction = authorizedAction(
  ['admin', 'lead'],
  createTaskInputSchema,
  async (input, viewer) => createTaskFromMessage(db(), appPortalClient, viewer, input),
);
