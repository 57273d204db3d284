import type { PrismaClient } from '@/lib/db/client';
import { consumeToken, findUsableToken, issueAccountToken } from './account-tokens';
import { demoAccounts } from './demo-accounts';
import { hashPassword } from './password';
import { normalizeEmail } from './password-sign-in';

const setupLinkTtlMs = 24 * 60 * 60_000;

export type FirstRun =
  { state: 'ready' } | { state: 'admin-created'; email: string } | { state: 'setup-link'; token: string };

/**
 * Whether the deployment has its own admin: an active admin who is neither a demo account nor
 * invited by one. Leads (from Bitrix24 sign-in or an invitation) and demo-made admins do not
 * count: anyone who reached the demo could have made those.
 */
async function hasOwnAdmin(db: Pick<PrismaClient, 'user'>): Promise<boolean> {
  const admins = await db.user.count({
    where: {
      role: 'admin',
      active: true,
      createdByDemo: false,
      email: { notIn: demoAccounts.map((account) => account.email) },
    },
  });
  return admins > 0;
}

/**
 * Run at every start. With the deployment's own admin present, nothing to do. Otherwise the
 * admin comes from ADMIN_EMAIL/ADMIN_PASSWORD when both are set (and the address is free), else a
 * fresh one-time setup link is issued (earlier unused links stop working). Instances starting at
 * once take turns on the same table lock as createFirstAdmin, so one creates the admin and the
 * others find it.
 */
export async function prepareFirstRun(
  db: PrismaClient,
  admin: { email?: string; password?: string },
  now = new Date(),
): Promise<FirstRun> {
  if (await hasOwnAdmin(db)) return { state: 'ready' };
  const email = admin.email ? normalizeEmail(admin.email) : null;
  // Hashed before the lock is taken: it takes a while, and the other instances wait on the lock.
  const passwordHash = email && admin.password ? await hashPassword(admin.password) : null;
  return db.$transaction(async (tx): Promise<FirstRun> => {
    await tx.$executeRaw`LOCK TABLE "user" IN SHARE ROW EXCLUSIVE MODE`;
    if (await hasOwnAdmin(tx)) return { state: 'ready' };
    if (email && passwordHash && !(await tx.user.findUnique({ where: { email }, select: { id: true } }))) {
      await tx.user.create({ data: { email, name: email.split('@')[0]!, role: 'admin', passwordHash } });
      return { state: 'admin-created', email };
    }
    await tx.accountToken.deleteMany({ where: { purpose: 'setup', usedAt: null } });
    return { state: 'setup-link', token: await issueAccountToken(tx, 'setup', { ttlMs: setupLinkTtlMs, now }) };
  });
}

export type SetupState = 'open' | 'done' | 'invalid-link';

export async function setupState(db: PrismaClient, token: string, now = new Date()): Promise<SetupState> {
  if (await hasOwnAdmin(db)) return 'done';
  return (await findUsableToken(db, token, 'setup', now)) ? 'open' : 'invalid-link';
}

export class SetupError extends Error {
  constructor(readonly code: 'done' | 'invalid-link' | 'email-taken') {
    super(code);
    this.name = 'SetupError';
  }
}

/**
 * Creates the first admin with a setup link. Once the deployment has its own admin, or the link
 * was used, it refuses: the link cannot be replayed. A table lock makes two racing requests create one admin.
 */
export async function createFirstAdmin(
  db: PrismaClient,
  input: { token: string; name: string; email: string; password: string },
  now = new Date(),
): Promise<{ id: string; email: string }> {
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`LOCK TABLE "user" IN SHARE ROW EXCLUSIVE MODE`;
    if (await hasOwnAdmin(tx)) throw new SetupError('done');
    if (!(await findUsableToken(tx, input.token, 'setup', now)) || !(await consumeToken(tx, input.token, now))) {
      throw new SetupError('invalid-link');
    }
    if (await tx.user.findUnique({ where: { email: normalizeEmail(input.email) }, select: { id: true } }))
      throw new SetupError('email-taken');
    const user = await tx.user.create({
      data: { email: normalizeEmail(input.email), name: input.name.trim(), role: 'admin', passwordHash },
      select: { id: true, email: true },
    });
    await tx.accountToken.deleteMany({ where: { purpose: 'setup', usedAt: null } });
    return user;
  });
}
