import type { PrismaClient } from '@/lib/db/client';

/**
 * Limits password guessing: an account locks after 5 failures within 15 minutes, an address
 * after 20, until the oldest of those failures is 15 minutes old. A success clears nothing: the
 * window simply moves on.
 */
export const signInLimits = {
  windowMs: 15 * 60_000,
  perAccount: 5,
  perAddress: 20,
};

export type Lockout = { locked: false } | { locked: true; retryAfterSeconds: number };

async function lockoutFor(
  db: PrismaClient,
  where: { email: string } | { address: string },
  limit: number,
  now: Date,
): Promise<number> {
  const since = new Date(now.getTime() - signInLimits.windowMs);
  const failures = await db.signInAttempt.findMany({
    where: { ...where, succeeded: false, attemptedAt: { gt: since } },
    orderBy: { attemptedAt: 'desc' },
    take: limit,
    select: { attemptedAt: true },
  });
  if (failures.length < limit) return 0;
  const oldest = failures[failures.length - 1]!.attemptedAt.getTime();
  return Math.max(1, Math.ceil((oldest + signInLimits.windowMs - now.getTime()) / 1000));
}

export async function checkLockout(db: PrismaClient, email: string, address: string, now = new Date()): Promise<Lockout> {
  const [account, fromAddress] = await Promise.all([
    lockoutFor(db, { email }, signInLimits.perAccount, now),
    lockoutFor(db, { address }, signInLimits.perAddress, now),
  ]);
  const wait = Math.max(account, fromAddress);
  return wait > 0 ? { locked: true, retryAfterSeconds: wait } : { locked: false };
}

export async function recordSignInAttempt(
  db: PrismaClient,
  attempt: { email: string; address: string; succeeded: boolean },
  now = new Date(),
): Promise<void> {
  await db.signInAttempt.create({ data: { ...attempt, attemptedAt: now } });
  // Keep the table small: attempts older than a day no longer matter.
  if (Math.random() < 0.05) {
    await db.signInAttempt.deleteMany({ where: { attemptedAt: { lt: new Date(now.getTime() - 86_400_000) } } });
  }
}
