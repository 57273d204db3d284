import { isDemoAccount } from '@/lib/auth/demo-accounts';
import { ActionError } from '@/lib/errors/action-error';
import type { Viewer } from '@/lib/auth/viewer';
import type { Prisma } from '@/lib/db/generated/client';

/**
 * The user an admin is about to change, if they may. The demo accounts belong to Flowpilot
 * itself (made and switched off with demo mode), so nobody edits them here; and a demo admin,
 * whom anyone who reached the demo can be, changes only accounts it invited itself.
 */
export async function managedUser(tx: Prisma.TransactionClient, actor: Viewer, userId: string) {
  const user = await tx.user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, role: true, active: true, createdByDemo: true, passwordHash: true },
  });
  if (!user) throw new ActionError('not-found', 'No such user.');
  if (isDemoAccount(user)) throw new ActionError('demo-account', 'The demo accounts are managed by Flowpilot itself.');
  if (isDemoAccount(actor) && !user.createdByDemo)
    throw new ActionError('demo-actor', 'A demo account may change only the accounts it invited.');
  return user;
}
