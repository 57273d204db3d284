'use server';

import { z } from 'zod';
import { providerConfigSchema } from '@/lib/ai/provider-config';
import { testProvider } from '@/lib/ai/test-connection';
import { authorizedAction } from '@/lib/auth/guards';
import { secretForTest } from '@/lib/copilot/settings/copilot-settings';
import { db } from '@/lib/db/client';
import { appSecretBox } from '@/lib/security/app-secret-box';

/** Admin: one small real call to a provider as entered (the stored key when none is typed). */
export const testModelConnectionAction = authorizedAction(
  ['admin'],
  z.object({ provider: providerConfigSchema, secret: z.string().trim().max(10_000).default('') }),
  async ({ provider, secret }, viewer) =>
    testProvider(provider, await secretForTest(db(), appSecretBox(), viewer, provider, secret)),
);
