'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { authorizedAction } from '@/lib/auth/guards';
import { db } from '@/lib/db/client';
import { linkUserToEmployee } from '@/lib/users/update-user';

const input = z.object({
  userId: z.string().uuid(),
  employee: z.object({ portalId: z.string().uuid(), bitrixUserId: z.number().int().positive() }).nullable(),
});

/** Admin: links a user to a Bitrix24 employee (which scopes a lead's flows), or unlinks. */
export const linkUserEmployeeAction = authorizedAction(['admin'], input, async ({ userId, employee }, viewer) => {
  await linkUserToEmployee(db(), viewer, userId, employee);
  revalidatePath('/users');
});
