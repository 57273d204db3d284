'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { authorizedAction } from '@/lib/auth/guards';
import { db } from '@/lib/db/client';
import { flowIdSchema, maxFlowIdsPerAdd } from '@/lib/portals/flow-id-list';
import { addManualFlowIds } from '@/lib/portals/portal-settings';

/** Admin: flow ids the discovery cannot find (flows have no list method: docs/bitrix24.md, "Calling Bitrix24"), read by the next sync. */
export const addManualFlowIdsAction = authorizedAction(
  ['admin'],
  z.object({ portalId: z.string().uuid(), flowIds: z.array(flowIdSchema).min(1).max(maxFlowIdsPerAdd) }),
  async ({ portalId, flowIds }) => {
    const manualFlowIds = await addManualFlowIds(db(), portalId, flowIds);
    revalidatePath('/settings');
    return { manualFlowIds };
  },
);
