'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { authorizedAction } from '@/lib/auth/guards';
import { roles } from '@/lib/auth/roles';
import { db } from '@/lib/db/client';
import { inviteUser } from '@/lib/users/invite-user';

const input = z.object({
  email: z.string().trim().email().max(320),
  name: z.string().trim().min(1).max(120),
  role: z.enum(roles),
});

/** Admin: creates a user and returns the path of their one-time invitation link. */
export const inviteUserAction = authorizedAction(['admin'], input, async (data, viewer) => {
  const { token } = await inviteUser(db(), viewer, data);
  revalidatePath('/users');
  return { invitePath: `/invite?token=${token}` };
});
