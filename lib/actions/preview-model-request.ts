'use server';

import { getLocale } from 'next-intl/server';
import { z } from 'zod';
import { analystSystemPrompt, analystUserPrompt } from '@/lib/ai/analyst-prompt';
import { authorizedAction } from '@/lib/auth/guards';
import { ActionError } from '@/lib/errors/action-error';
import { answerLocale, copilotSettings } from '@/lib/copilot/settings/copilot-settings';
import { modelRequestPreview } from '@/lib/copilot/analysis/model-request-preview';
import { db } from '@/lib/db/client';

/** Admin: the system and user messages an external model would receive for a flow, as they would be sent. */
export const previewModelRequestAction = authorizedAction(
  ['admin'],
  z.object({ flowId: z.uuid() }),
  async ({ flowId }) => {
    const [viewerLocale, settings] = await Promise.all([getLocale(), copilotSettings(db())]);
    const request = await modelRequestPreview(db(), flowId, answerLocale(settings, viewerLocale), {
      shareGender: settings.shareGenderWithModel,
    });
    if (!request) throw new ActionError('not-found', 'There is no such flow.');
    return { system: analystSystemPrompt(request), user: analystUserPrompt(request) };
  },
);
