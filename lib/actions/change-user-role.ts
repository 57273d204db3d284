'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { authorizedAction } from '@/lib/auth/guards';
import { roles } from '@/lib/auth/roles';
import { db } from '@/lib/db/client';
import { changeUserRole } from '@/lib/users/update-user';

/** Admin: changes a user's role (the last active admin keeps theirs). */
export const changeUserRoleAction = authorizedAction(
  ['admin'],
  z.object({ userId: z.string().uuid(), role: z.enum(roles) }),
  async ({ userId, role }, viewer) => {
    await changeUserRole(db(), viewer, userId, role);
    revalidatePath('/users');
  },
);
