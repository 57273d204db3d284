'use server';

import { revalidatePath } from 'next/cache';
import { authorizedAction } from '@/lib/auth/guards';
import { db } from '@/lib/db/client';
import { requestSync } from '@/lib/jobs/request-sync';
import { appBoss } from '@/lib/jobs/web-job-sender';
import { moveDemoOn, moveDemoOnInputSchema } from '@/lib/portals/move-demo-on';
import { appSecretBox } from '@/lib/security/app-secret-box';

/** Admin: lets days pass in the built-in demo company with one flow working well, then syncs it afresh. */
export const moveDemoOnAction = authorizedAction(['admin'], moveDemoOnInputSchema, async (input) => {
  const { portalId, ...moved } = await moveDemoOn(db(), appSecretBox(), input);
  await requestSync(db(), await appBoss(), portalId, 'full');
  revalidatePath('/', 'layout');
  return moved;
});
