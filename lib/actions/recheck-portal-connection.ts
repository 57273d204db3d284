'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { authorizedAction } from '@/lib/auth/guards';
import { db } from '@/lib/db/client';
import { recheckPortalConnection } from '@/lib/portals/portal-settings';
import { appSecretBox } from '@/lib/security/app-secret-box';

/** Admin: tests a connected portal again with its stored webhook and records the outcome. */
export const recheckPortalConnectionAction = authorizedAction(
  ['admin'],
  z.object({ portalId: z.string().uuid() }),
  async ({ portalId }) => {
    const report = await recheckPortalConnection(db(), appSecretBox(), portalId);
    revalidatePath('/settings');
    return report;
  },
);
