'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { authorizedAction } from '@/lib/auth/guards';
import { db } from '@/lib/db/client';
import { disconnectPortal } from '@/lib/portals/portal-settings';

/** Admin: ends a portal's connection (the page asks to confirm first); the mirror stays. */
export const disconnectPortalAction = authorizedAction(
  ['admin'],
  z.object({ portalId: z.string().uuid(), confirmed: z.literal(true) }),
  async ({ portalId }) => {
    await disconnectPortal(db(), portalId);
    revalidatePath('/settings');
  },
);
