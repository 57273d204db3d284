import { issueAccountToken } from '@/lib/auth/account-tokens';
import { isDemoAccount } from '@/lib/auth/demo-accounts';
import { ActionError } from '@/lib/errors/action-error';
import { normalizeEmail } from '@/lib/auth/password-sign-in';
import type { Role } from '@/lib/auth/roles';
import type { Viewer } from '@/lib/auth/viewer';
import type { PrismaClient } from '@/lib/db/client';
import { isUniqueViolation } from '@/lib/db/unique-violation';
import { managedUser } from './managed-user';

export const inviteTtlMs = 7 * 24 * 60 * 60_000;

/**
 * Creates a user without a password and a one-time link (valid 7 days) where they choose one.
 * Flowpilot sends no e-mail: the admin passes the link on. Whom a demo account invites is marked,
 * and switched off when demo mode ends.
 */
export async function inviteUser(
  db: PrismaClient,
  actor: Viewer,
  input: { email: string; name: string; role: Role },
  now = new Date(),
): Promise<{ userId: string; token: string }> {
  const email = normalizeEmail(input.email);
  return db.$transaction(async (tx) => {
    const user = await tx.user
      .create({
        data: { email, name: input.name.trim(), role: input.role, createdByDemo: isDemoAccount(actor) },
        select: { id: true },
      })
      .catch((error: unknown) => {
        // The address is taken, perhaps a moment ago (a double submit, or another admin).
        if (isUniqueViolation(error)) throw new ActionError('email-taken', 'A user with this e-mail already exists.');
        throw error;
      });
    const token = await issueAccountToken(tx, 'invite', { userId: user.id, ttlMs: inviteTtlMs, now });
    return { userId: user.id, token };
  });
}

/** A new invitation link for a user who has not set a password yet; earlier links stop working. */
export async function reissueInvite(
  db: PrismaClient,
  actor: Viewer,
  userId: string,
  now = new Date(),
): Promise<string> {
  return db.$transaction(async (tx) => {
    const user = await managedUser(tx, actor, userId);
    if (user.passwordHash) throw new ActionError('has-password', 'This user has already set a password.');
    await tx.accountToken.deleteMany({ where: { userId, purpose: 'invite', usedAt: null } });
    return issueAccountToken(tx, 'invite', { userId, ttlMs: inviteTtlMs, now });
  });
}
