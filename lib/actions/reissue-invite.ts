'use server';

import { z } from 'zod';
import { authorizedAction } from '@/lib/auth/guards';
import { db } from '@/lib/db/client';
import { reissueInvite } from '@/lib/users/invite-user';

/** Admin: a fresh invitation link for a user who has not chosen a password yet. */
export const reissueInviteAction = authorizedAction(
  ['admin'],
  z.object({ userId: z.string().uuid() }),
  async ({ userId }, viewer) => {
    const token = await reissueInvite(db(), viewer, userId);
    return { invitePath: `/invite?token=${token}` };
  },
);
