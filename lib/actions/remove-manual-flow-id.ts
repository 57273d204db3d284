'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { authorizedAction } from '@/lib/auth/guards';
import { db } from '@/lib/db/client';
import { flowIdSchema } from '@/lib/portals/flow-id-list';
import { removeManualFlowId } from '@/lib/portals/portal-settings';

/** Admin: removes a flow id added by hand. */
export const removeManualFlowIdAction = authorizedAction(
  ['admin'],
  z.object({ portalId: z.string().uuid(), flowId: flowIdSchema }),
  async ({ portalId, flowId }) => {
    const manualFlowIds = await removeManualFlowId(db(), portalId, flowId);
    revalidatePath('/settings');
    return { manualFlowIds };
  },
);
