'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { authorizedAction } from '@/lib/auth/guards';
import { db } from '@/lib/db/client';
import { saveAppKeys } from '@/lib/portals/save-app-keys';
import { appSecretBox } from '@/lib/security/app-secret-box';

/** Admin: the local application's keys, which Bitrix24 shows after the install; checked by a token refresh before they are kept. */
export const saveAppKeysAction = authorizedAction(
  ['admin'],
  z.object({
    portalId: z.string().uuid(),
    // Bitrix24 names local apps `local.<hex>.<digits>`; a market app's id is a word with dots.
    clientId: z
      .string()
      .trim()
      .regex(/^[\w.-]{3,100}$/),
    clientSecret: z.string().trim().min(8).max(200),
  }),
  async ({ portalId, clientId, clientSecret }) => {
    await saveAppKeys(db(), appSecretBox(), portalId, { clientId, clientSecret });
    revalidatePath('/settings');
    return { saved: true };
  },
);
