'use server';

import { authorizedAction } from '@/lib/auth/guards';
import { createMeetingFromMessage, createMeetingInputSchema } from '@/lib/copilot/analysis/message-actions';
import { db } from '@/lib/db/client';
import { appPortalClient } from '@/lib/portals/app-portal-client';

/** Lead or admin: a Bitrix24 meeting with the flow's team from a CoPilot message. */
export const createMeetingFromMessageAction = authorizedAction(
  ['admin', 'lead'],
  createMeetingInputSchema,
  async (input, viewer) => createMeetingFromMessage(db(), appPortalClient, viewer, input),
);
