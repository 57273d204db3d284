'use server';

import { z } from 'zod';
import { publicAction } from '@/lib/auth/guards';
import { passwordSchema } from '@/lib/auth/password';
import { db } from '@/lib/db/client';
import { acceptInvite } from '@/lib/users/accept-invite';

/** An invited user chooses a password. Public; the one-time link is the credential. */
export const acceptInvitation = publicAction(
  z.object({ token: z.string().min(1).max(200), password: passwordSchema }),
  ({ token, password }) => acceptInvite(db(), token, password),
);
