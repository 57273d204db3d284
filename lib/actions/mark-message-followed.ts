'use server';

import { authorizedAction } from '@/lib/auth/guards';
import { markFollowedInputSchema, markMessageFollowed } from '@/lib/copilot/analysis/message-actions';
import { db } from '@/lib/db/client';

/** Lead or admin: "we did this" on a CoPilot message, with the day the team acted. */
export const markMessageFollowedAction = authorizedAction(
  ['admin', 'lead'],
  markFollowedInputSchema,
  async (input, viewer) => markMessageFollowed(db(), viewer, input),
);
