import { consumeToken, findUsableToken } from '@/lib/auth/account-tokens';
import { ActionError } from '@/lib/errors/action-error';
import { hashPassword } from '@/lib/auth/password';
import type { PrismaClient } from '@/lib/db/client';

/** The invited user's e-mail, when the link can still be used. */
export async function inviteFor(
  db: PrismaClient,
  token: string,
  now = new Date(),
): Promise<{ email: string; name: string } | null> {
  const row = await findUsableToken(db, token, 'invite', now);
  if (!row?.userId) return null;
  return db.user.findFirst({
    where: { id: row.userId, active: true, passwordHash: null },
    select: { email: true, name: true },
  });
}

/** Sets the invited user's password; the link works once. */
export async function acceptInvite(
  db: PrismaClient,
  token: string,
  password: string,
  now = new Date(),
): Promise<{ email: string }> {
  const passwordHash = await hashPassword(password);
  return db.$transaction(async (tx) => {
    const row = await findUsableToken(tx, token, 'invite', now);
    const user = row?.userId
      ? await tx.user.findFirst({
          where: { id: row.userId, active: true, passwordHash: null },
          select: { id: true, email: true },
        })
      : null;
    if (!user || !(await consumeToken(tx, token, now))) {
      throw new ActionError('invalid-link', 'This invitation link is not valid any more. Ask an admin for a new one.');
    }
    await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
    return { email: user.email };
  });
}
