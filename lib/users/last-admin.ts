import { ActionError } from '@/lib/errors/action-error';
import type { Prisma } from '@/lib/db/generated/client';

/**
 * Refuses a change that would leave no active admin. Locks the admin rows first, so two admins
 * demoting each other at the same moment cannot both succeed.
 */
export async function assertAnotherActiveAdmin(tx: Prisma.TransactionClient, userId: string): Promise<void> {
  const admins = await tx.$queryRaw<{ id: string }[]>`
    SELECT id::text FROM "user" WHERE role = 'admin' AND active ORDER BY id FOR UPDATE`;
  if (!admins.some((admin) => admin.id !== userId)) {
    throw new ActionError('last-admin', 'The last active admin cannot be demoted or deactivated.');
  }
}
