import type { PrismaClient } from '@/lib/db/client';
import { spendPasswordCheck, verifyPassword } from './password';
import { checkLockout, recordSignInAttempt } from './sign-in-limiter';

/** Why a password sign-in failed; `locked` carries the wait. Shown to people as translated text. */
export type SignInFailure = { code: 'invalid' } | { code: 'locked'; retryAfterSeconds: number };

export class SignInError extends Error {
  constructor(readonly failure: SignInFailure) {
    super(failure.code === 'locked' ? `locked:${failure.retryAfterSeconds}` : failure.code);
    this.name = 'SignInError';
  }
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Checks e-mail and password against the users table, with the rate limit. Unknown e-mail,
 * wrong password and deactivated account all answer `invalid`, so nobody can probe who exists.
 */
export async function signInWithPassword(
  db: PrismaClient,
  input: { email: string; password: string; address: string },
  now = new Date(),
): Promise<{ id: string; sessionVersion: number }> {
  const email = normalizeEmail(input.email);
  const lockout = await checkLockout(db, email, input.address, now);
  if (lockout.locked) throw new SignInError({ code: 'locked', retryAfterSeconds: lockout.retryAfterSeconds });

  const user = await db.user.findUnique({ where: { email }, select: { id: true, passwordHash: true, active: true, sessionVersion: true } });
  const valid = user?.passwordHash ? await verifyPassword(input.password, user.passwordHash) : await spendPasswordCheck(input.password);
  const succeeded = Boolean(user?.active && valid);
  await recordSignInAttempt(db, { email, address: input.address, succeeded }, now);
  if (!succeeded || !user) throw new SignInError({ code: 'invalid' });

  await db.user.update({ where: { id: user.id }, data: { lastSignInAt: now } });
  return { id: user.id, sessionVersion: user.sessionVersion };
}
