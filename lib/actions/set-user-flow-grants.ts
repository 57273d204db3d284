'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { authorizedAction } from '@/lib/auth/guards';
import { db } from '@/lib/db/client';
import { setFlowGrants } from '@/lib/users/update-user';

/** Admin: the flows a user may see beyond their own. */
export const setUserFlowGrantsAction = authorizedAction(
  ['admin'],
  z.object({ userId: z.string().uuid(), flowIds: z.array(z.string().uuid()).max(1000) }),
  async ({ userId, flowIds }, viewer) => {
    await setFlowGrants(db(), viewer, userId, flowIds);
    revalidatePath(`/users/${userId}`);
  },
);
