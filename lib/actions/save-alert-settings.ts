'use server';

import { alertSettingsInputSchema, saveAlertSettings } from '@/lib/alerts/alert-settings';
import { authorizedAction } from '@/lib/auth/guards';
import { db } from '@/lib/db/client';

/** Admin: quiet hours, the daily cap per person and the fallback language of alerts. */
export const saveAlertSettingsAction = authorizedAction(['admin'], alertSettingsInputSchema, async (input) =>
  saveAlertSettings(db(), input),
);
