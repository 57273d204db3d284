import pLimit from 'p-limit';
import type { PrismaClient } from '@/lib/db/client';
import type { Prisma } from '@/lib/db/generated/client';

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

export type Reservation = { locked: true; retryAfterSeconds: number } | { locked: false; attemptId: bigint };

async function lockoutFor(
  tx: Prisma.TransactionClient,
  where: { email: string } | { address: string },
  limit: number,
  now: Date,
): Promise<number> {
  const since = new Date(now.getTime() - signInLimits.windowMs);
  const failures = await tx.signInAttempt.findMany({
    where: { ...where, succeeded: false, attemptedAt: { gt: since } },
    orderBy: { attemptedAt: 'desc' },
    take: limit,
    select: { attemptedAt: true },
  });
  if (failures.length < limit) return 0;
  const oldest = failures[failures.length - 1]!.attemptedAt.getTime();
  return Math.max(1, Math.ceil((oldest + signInLimits.windowMs - now.getTime()) / 1000));
}

/** Waiting reservations would each hold a pooled connection: a flood of sign-ins queues here instead. */
const reserving = pLimit(2);

/**
 * Checks the limits and, unless locked, records the attempt as a failure before the password is
 * looked at, so parallel guesses cannot all pass the check first. Attempts of one account, and
 * of one address, queue on advisory locks (always account first, so two never wait on each other).
 */
export async function reserveSignInAttempt(
  db: PrismaClient,
  email: string,
  address: string,
  now = new Date(),
): Promise<Reservation> {
  const reservation = await reserving(() =>
    db.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('flowpilot:sign-in-account'), hashtext(${email}))`;
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('flowpilot:sign-in-address'), hashtext(${address}))`;
      const [account, fromAddress] = [
        await lockoutFor(tx, { email }, signInLimits.perAccount, now),
        await lockoutFor(tx, { address }, signInLimits.perAddress, now),
      ];
      const wait = Math.max(account, fromAddress);
      if (wait > 0) return { locked: true, retryAfterSeconds: wait } as const;
      const attempt = await tx.signInAttempt.create({
        data: { email, address, succeeded: false, attemptedAt: now },
        select: { id: true },
      });
      return { locked: false, attemptId: attempt.id } as const;
    }),
  );
  // Keep the table small: attempts older than a day no longer matter.
  if (Math.random() < 0.05) {
    await db.signInAttempt.deleteMany({ where: { attemptedAt: { lt: new Date(now.getTime() - 86_400_000) } } });
  }
  return reservation;
}

/** The attempt turned out right: it no longer counts against the account or the address. */
export async function markAttemptSucceeded(db: PrismaClient, attemptId: bigint): Promise<void> {
  await db.signInAttempt.update({ where: { id: attemptId }, data: { succeeded: true } });
}

/** The attempt was never judged (the server was too busy to check the password): it counts for nothing. */
export async function forgetAttempt(db: PrismaClient, attemptId: bigint): Promise<void> {
  await db.signInAttempt.delete({ where: { id: attemptId } });
}
