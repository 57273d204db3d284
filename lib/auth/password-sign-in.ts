import type { PrismaClient } from '@/lib/db/client';
import {
  hashPassword,
  PasswordCheckBusyError,
  passwordNeedsRehash,
  spendPasswordCheck,
  verifyPassword,
} from './password';
import { forgetAttempt, markAttemptSucceeded, reserveSignInAttempt } from './sign-in-limiter';

/** Why a password sign-in failed; `locked` carries the wait. Shown to people as translated text. */
export type SignInFailure = { code: 'invalid' } | { code: 'busy' } | { code: 'locked'; retryAfterSeconds: number };

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
 * The attempt is counted before the password is checked; `busy` means it was not checked at all.
 */
export async function signInWithPassword(
  db: PrismaClient,
  input: { email: string; password: string; address: string },
  now = new Date(),
): Promise<{ id: string; sessionVersion: number }> {
  const email = normalizeEmail(input.email);
  const reservation = await reserveSignInAttempt(db, email, input.address, now);
  if (reservation.locked) throw new SignInError({ code: 'locked', retryAfterSeconds: reservation.retryAfterSeconds });

  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, passwordHash: true, active: true, sessionVersion: true },
  });
  let valid: boolean;
  try {
    valid = user?.passwordHash
      ? await verifyPassword(input.password, user.passwordHash)
      : await spendPasswordCheck(input.password);
  } catch (error) {
    if (!(error instanceof PasswordCheckBusyError)) throw error;
    await forgetAttempt(db, reservation.attemptId);
    throw new SignInError({ code: 'busy' });
  }
  if (!user?.active || !valid) throw new SignInError({ code: 'invalid' });

  await markAttemptSucceeded(db, reservation.attemptId);
  const rehash =
    user.passwordHash && passwordNeedsRehash(user.passwordHash)
      ? { passwordHash: await hashPassword(input.password) }
      : {};
  await db.user.update({ where: { id: user.id }, data: { lastSignInAt: now, ...rehash } });
  return { id: user.id, sessionVersion: user.sessionVersion };
}
