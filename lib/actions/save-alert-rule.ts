'use server';

import { alertRuleInputSchema } from '@/lib/alerts/alert-kinds';
import { saveAlertRule } from '@/lib/alerts/alert-rules';
import { authorizedAction } from '@/lib/auth/guards';
import { db } from '@/lib/db/client';

/** Admin, or a lead for a flow of theirs: one alert rule of the flow. */
export const saveAlertRuleAction = authorizedAction(['admin', 'lead'], alertRuleInputSchema, async (input, viewer) =>
  saveAlertRule(db(), viewer, input),
);
