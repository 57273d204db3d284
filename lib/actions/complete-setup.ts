'use server';

import { z } from 'zod';
import { createFirstAdmin, SetupError } from '@/lib/auth/first-admin';
import { publicAction } from '@/lib/auth/guards';
import { ActionError } from '@/lib/errors/action-error';
import { passwordSchema } from '@/lib/auth/password';
import { db } from '@/lib/db/client';

const input = z.object({
  token: z.string().min(1).max(200),
  name: z.string().trim().min(1).max(120),
  email: z.string().trim().email().max(320),
  password: passwordSchema,
});

/** First-run setup: creates the admin with the one-time link. Public; the link is the credential. */
export const completeSetup = publicAction(input, async (data) => {
  try {
    const admin = await createFirstAdmin(db(), data);
    return { email: admin.email };
  } catch (error) {
    if (error instanceof SetupError) throw new ActionError(error.code);
    throw error;
  }
});
