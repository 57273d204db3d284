import type { PrismaClient } from '@/lib/db/client';
import { consumeToken, findUsableToken, issueAccountToken } from './account-tokens';
import { demoAccounts } from './demo-accounts';
import { hashPassword } from './password';
import { normalizeEmail } from './password-sign-in';

const setupLinkTtlMs = 24 * 60 * 60_000;

export type FirstRun =
  | { state: 'ready' }
  | { state: 'admin-created'; email: string }
  | { state: 'setup-link'; token: string };

/** The demo accounts are for trying the product; the deployment's own first admin is still to be made. */
function accountsOtherThanDemo(db: Pick<PrismaClient, 'user'>): Promise<number> {
  return db.user.count({ where: { email: { notIn: demoAccounts.map((account) => account.email) } } });
}

/**
 * Run at every start. With users present, nothing to do. Otherwise the admin comes from
 * ADMIN_EMAIL/ADMIN_PASSWORD when both are set, else a fresh one-time setup link is issued
 * (earlier unused links stop working).
 */
export async function prepareFirstRun(
  db: PrismaClient,
  admin: { email?: string; password?: string },
  now = new Date(),
): Promise<FirstRun> {
  if ((await accountsOtherThanDemo(db)) > 0) return { state: 'ready' };
  if (admin.email && admin.password) {
    const email = normalizeEmail(admin.email);
    await db.user.create({
      data: { email, name: email.split('@')[0]!, role: 'admin', passwordHash: await hashPassword(admin.password) },
    });
    return { state: 'admin-created', email };
  }
  await db.accountToken.deleteMany({ where: { purpose: 'setup', usedAt: null } });
  return { state: 'setup-link', token: await issueAccountToken(db, 'setup', { ttlMs: setupLinkTtlMs, now }) };
}

export type SetupState = 'open' | 'done' | 'invalid-link';

export async function setupState(db: PrismaClient, token: string, now = new Date()): Promise<SetupState> {
  if ((await accountsOtherThanDemo(db)) > 0) return 'done';
  return (await findUsableToken(db, token, 'setup', now)) ? 'open' : 'invalid-link';
}

export class SetupError extends Error {
  constructor(readonly code: 'done' | 'invalid-link' | 'email-taken') {
    super(code);
    this.name = 'SetupError';
  }
}

/**
 * Creates the first admin with a setup link. Once any user exists, or the link was used, it
 * refuses: the link cannot be replayed. A table lock makes two racing requests create one admin.
 */
export async function createFirstAdmin(
  db: PrismaClient,
  input: { token: string; name: string; email: string; password: string },
  now = new Date(),
): Promise<{ id: string; email: string }> {
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`LOCK TABLE "user" IN SHARE ROW EXCLUSIVE MODE`;
    if ((await accountsOtherThanDemo(tx)) > 0) throw new SetupError('done');
    if (!(await findUsableToken(tx, input.token, 'setup', now)) || !(await consumeToken(tx, input.token, now))) {
      throw new SetupError('invalid-link');
    }
    const user = await tx.user.create({
      data: { email: normalizeEmail(input.email), name: input.name.trim(), role: 'admin', passwordHash },
      select: { id: true, email: true },
    });
    await tx.accountToken.deleteMany({ where: { purpose: 'setup', usedAt: null } });
    return user;
  });
}
