'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { authorizedAction } from '@/lib/auth/guards';
import { db } from '@/lib/db/client';
import { setUserActive } from '@/lib/users/update-user';

/** Admin: deactivates (ending their sessions) or reactivates a user. */
export const setUserActiveAction = authorizedAction(
  ['admin'],
  z.object({ userId: z.string().uuid(), active: z.boolean() }),
  async ({ userId, active }, viewer) => {
    await setUserActive(db(), viewer, userId, active);
    revalidatePath('/users');
  },
);
