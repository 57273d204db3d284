'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { authorizedAction } from '@/lib/auth/guards';
import { updateCopilotSettings } from '@/lib/copilot/settings/copilot-settings';
import { db } from '@/lib/db/client';

/** Admin: switches CoPilot in Flows on or off for everyone. */
export const setCopilotEnabledAction = authorizedAction(
  ['admin'],
  z.object({ enabled: z.boolean() }),
  async ({ enabled }, viewer) => {
    const settings = await updateCopilotSettings(db(), { enabled }, { userId: viewer.id });
    revalidatePath('/', 'layout');
    return settings;
  },
);
