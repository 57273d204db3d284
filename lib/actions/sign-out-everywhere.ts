'use server';

import { z } from 'zod';
import { authorizedAction } from '@/lib/auth/guards';
import { roles } from '@/lib/auth/roles';
import { db } from '@/lib/db/client';
import { signOutEverywhere } from '@/lib/users/update-user';

/** Any signed-in user: ends all their sessions, on every device. */
export const signOutEverywhereAction = authorizedAction(roles, z.object({}), async (_input, viewer) => {
  await signOutEverywhere(db(), viewer.id);
});
