import type { PrismaClient } from '@/lib/db/client';
import { hashPassword, verifyPassword } from './password';
import type { Role } from './roles';

/**
 * In demo mode (a built-in demo portal is connected) three ready accounts, one per role, let
 * people try Flowpilot; the sign-in page lists them. Their password is made for each
 * installation (`npm start` keeps it in the data folder and prints it). Outside demo mode they do
 * not exist: when no demo portal is connected, any left over are deactivated and unlinked, and
 * so is everything they set up (leaveDemoMode).
 */
export const demoAccounts: { role: Role; email: string }[] = [
  { role: 'admin', email: 'admin@demo.flowpilot.local' },
  { role: 'lead', email: 'lead@demo.flowpilot.local' },
  { role: 'executive', email: 'executive@demo.flowpilot.local' },
];

const demoEmails = demoAccounts.map((account) => account.email);

export function isDemoAccount(user: { email: string }): boolean {
  return demoEmails.includes(user.email);
}

export async function demoPortalId(db: PrismaClient): Promise<string | null> {
  return (await db.portal.findFirst({ where: { kind: 'demo' }, select: { id: true } }))?.id ?? null;
}

/** The employee a demo account speaks for: the lead owns the busiest flow, the executive is another active employee. */
async function demoEmployees(db: PrismaClient, portalId: string) {
  // By Bitrix24 id, so that among flows as busy the choice does not follow the order a sync wrote them in.
  const flows = await db.flow.findMany({
    where: { portalId },
    orderBy: { bitrixFlowId: 'asc' },
    select: { members: { select: { bitrixUserId: true, role: true } } },
  });
  flows.sort((a, b) => b.members.length - a.members.length);
  // Employees someone else already signs in as are not available to the demo accounts.
  const taken = await db.user.findMany({
    where: { portalId, bitrixUserId: { not: null }, email: { notIn: demoEmails } },
    select: { bitrixUserId: true },
  });
  const unavailable = new Set(taken.map((user) => user.bitrixUserId));
  const leadId =
    flows.flatMap((flow) => flow.members.filter((m) => m.role === 'owner' && !unavailable.has(m.bitrixUserId))).at(0)
      ?.bitrixUserId ?? null;
  const employees = (
    await db.employee.findMany({
      where: { portalId, active: true },
      orderBy: { bitrixUserId: 'asc' },
      select: { bitrixUserId: true, name: true, lastName: true },
    })
  ).filter((employee) => !unavailable.has(employee.bitrixUserId));
  const lead = employees.find((e) => e.bitrixUserId === leadId) ?? employees[0] ?? null;
  const executive = employees.find((e) => e.bitrixUserId !== lead?.bitrixUserId) ?? null;
  return { lead, executive };
}

/** What leaving demo mode switched off; `demoAccounts` is how many demo accounts were still on. */
export type DemoModeLeft = { demoAccounts: number; invitedAccounts: number; invitations: number; modelReset: boolean };

export type DemoAccountsState = { state: 'created' | 'present' | 'none' } | ({ state: 'disabled' } & DemoModeLeft);

/**
 * Leaving demo mode: the demo accounts, the accounts they invited (with their unused
 * invitations) and a CoPilot model a demo account chose last are switched off, once. Anyone who
 * reached the demo could have set them up; an admin may switch an account back on afterwards.
 */
export async function leaveDemoMode(db: PrismaClient): Promise<DemoAccountsState> {
  const left = await db.$transaction(async (tx) => {
    const demoUsers = await tx.user.findMany({ where: { email: { in: demoEmails } }, select: { id: true } });
    const { count: demoAccountsOff } = await tx.user.updateMany({
      where: { email: { in: demoEmails }, active: true },
      // Also free the employees they spoke for, so real accounts can be linked to them.
      data: { active: false, sessionVersion: { increment: 1 }, portalId: null, bitrixUserId: null },
    });
    const invited = await tx.user.findMany({ where: { createdByDemo: true }, select: { id: true } });
    const { count: invitations } = await tx.accountToken.deleteMany({
      where: { userId: { in: invited.map((user) => user.id) }, usedAt: null },
    });
    const { count: invitedAccounts } = await tx.user.updateMany({
      where: { createdByDemo: true },
      data: { active: false, createdByDemo: false, sessionVersion: { increment: 1 } },
    });
    const lastChange = await tx.copilotSettingsChange.findFirst({ orderBy: { id: 'desc' }, select: { userId: true } });
    const modelReset = lastChange?.userId != null && demoUsers.some((user) => user.id === lastChange.userId);
    if (modelReset) {
      await tx.copilotSettings.updateMany({
        where: { id: 1 },
        data: { provider: { kind: 'builtin' }, sealedProviderSecret: null },
      });
      await tx.copilotSettingsChange.create({
        data: { userId: null, changes: { provider: 'builtin', secret: 'removed', reason: 'demo mode ended' } },
      });
    }
    return { demoAccounts: demoAccountsOff, invitedAccounts, invitations, modelReset };
  });
  return left.demoAccounts + left.invitedAccounts + left.invitations > 0 || left.modelReset
    ? { state: 'disabled', ...left }
    : { state: 'none' };
}

/** Each demo account's name and the employee it speaks for, on the demo portal. */
async function demoAccountLinks(db: PrismaClient, portalId: string) {
  const { lead, executive } = await demoEmployees(db, portalId);
  return demoAccounts.map((account) => {
    const employee = account.role === 'lead' ? lead : account.role === 'executive' ? executive : null;
    return {
      account,
      data: {
        name: employee ? `${employee.name} ${employee.lastName}`.trim() : 'Demo Admin',
        portalId: employee ? portalId : null,
        bitrixUserId: employee?.bitrixUserId ?? null,
      },
    };
  });
}

/**
 * At start: with a demo portal, the three accounts exist, active, with this installation's
 * password; without one, demo mode ends (leaveDemoMode).
 */
export async function syncDemoAccounts(db: PrismaClient, password: string): Promise<DemoAccountsState> {
  const portalId = await demoPortalId(db);
  if (!portalId) return leaveDemoMode(db);
  const active = await db.user.findMany({
    where: { email: { in: demoEmails }, active: true },
    select: { email: true, passwordHash: true },
  });
  // The three share one hash, made together below.
  const hash = active[0]?.passwordHash;
  const current =
    active.length === demoAccounts.length &&
    active.every((user) => user.passwordHash === hash) &&
    hash != null &&
    (await verifyPassword(password, hash));
  if (current) {
    await linkDemoAccounts(db);
    return { state: 'present' };
  }
  const passwordHash = await hashPassword(password);
  for (const { account, data } of await demoAccountLinks(db, portalId)) {
    const fields = { ...data, role: account.role, active: true, passwordHash };
    await db.user.upsert({
      where: { email: account.email },
      create: { email: account.email, ...fields },
      update: fields,
    });
  }
  return { state: 'created' };
}

/** After a sync brought the demo employees in: the lead and the executive speak for one of them. */
export async function linkDemoAccounts(db: PrismaClient): Promise<'linked' | 'present'> {
  const portalId = await demoPortalId(db);
  if (!portalId) return 'present';
  const active = await db.user.findMany({
    where: { email: { in: demoEmails }, active: true },
    select: { email: true, portalId: true, bitrixUserId: true },
  });
  let linked = false;
  for (const { account, data } of await demoAccountLinks(db, portalId)) {
    const user = active.find((candidate) => candidate.email === account.email);
    if (!user || (user.portalId === data.portalId && user.bitrixUserId === data.bitrixUserId)) continue;
    await db.user.update({ where: { email: account.email }, data });
    linked = true;
  }
  return linked ? 'linked' : 'present';
}

/** The demo accounts to list on the sign-in page: only while a demo portal is connected. */
export async function visibleDemoAccounts(db: PrismaClient): Promise<{ role: Role; email: string; name: string }[]> {
  if (!(await demoPortalId(db))) return [];
  const users = await db.user.findMany({
    where: { email: { in: demoEmails }, active: true },
    select: { email: true, name: true, role: true },
  });
  return demoAccounts.flatMap((account) => users.filter((user) => user.email === account.email));
}
