'use server';

import { authorizedAction } from '@/lib/auth/guards';
import { rateMessage, rateMessageInputSchema } from '@/lib/copilot/analysis/message-actions';
import { db } from '@/lib/db/client';

/** Lead or admin: marks a CoPilot message helpful or not. */
export const rateCopilotMessageAction = authorizedAction(
  ['admin', 'lead'],
  rateMessageInputSchema,
  async (input, viewer) => rateMessage(db(), viewer, input),
);
