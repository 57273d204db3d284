'use server';

import { revalidatePath } from 'next/cache';
import { authorizedAction } from '@/lib/auth/guards';
import { modelSettingsInputSchema, saveModelSettings } from '@/lib/copilot/settings/copilot-settings';
import { db } from '@/lib/db/client';
import { appSecretBox } from '@/lib/security/app-secret-box';

/** Admin: CoPilot's model (with its secret, sealed), answer language and hourly limit. */
export const saveCopilotModelAction = authorizedAction(['admin'], modelSettingsInputSchema, async (input, viewer) => {
  const settings = await saveModelSettings(db(), appSecretBox(), viewer, input);
  revalidatePath('/settings');
  return settings;
});
