import type { PrismaClient } from '@/lib/db/client';
import { hashPassword } from './password';
import type { Role } from './roles';

/**
 * In demo mode (a built-in demo portal is connected) three ready accounts, one per role, let
 * anyone try Flowpilot; the sign-in page lists them. Outside demo mode they do not exist: when
 * no demo portal is connected, any left over are deactivated and unlinked.
 */
export const demoPassword = 'flowpilot-demo';
export const demoAccounts: { role: Role; email: string }[] = [
  { role: 'admin', email: 'admin@demo.flowpilot.local' },
  { role: 'lead', email: 'lead@demo.flowpilot.local' },
  { role: 'executive', email: 'executive@demo.flowpilot.local' },
];

export async function demoPortalId(db: PrismaClient): Promise<string | null> {
  return (await db.portal.findFirst({ where: { kind: 'demo' }, select: { id: true } }))?.id ?? null;
}

/** The employee a demo account speaks for: the lead owns the busiest flow, the executive is another active employee. */
async function demoEmployees(db: PrismaClient, portalId: string) {
  const flows = await db.flow.findMany({
    where: { portalId },
    select: { members: { select: { bitrixUserId: true, role: true } } },
  });
  flows.sort((a, b) => b.members.length - a.members.length);
  // Employees someone else already signs in as are not available to the demo accounts.
  const taken = await db.user.findMany({
    where: { portalId, bitrixUserId: { not: null }, email: { notIn: demoAccounts.map((account) => account.email) } },
    select: { bitrixUserId: true },
  });
  const unavailable = new Set(taken.map((user) => user.bitrixUserId));
  const leadId = flows.flatMap((flow) => flow.members.filter((m) => m.role === 'owner' && !unavailable.has(m.bitrixUserId))).at(0)?.bitrixUserId ?? null;
  const employees = (
    await db.employee.findMany({ where: { portalId, active: true }, orderBy: { bitrixUserId: 'asc' }, select: { bitrixUserId: true, name: true, lastName: true } })
  ).filter((employee) => !unavailable.has(employee.bitrixUserId));
  const lead = employees.find((e) => e.bitrixUserId === leadId) ?? employees[0] ?? null;
  const executive = employees.find((e) => e.bitrixUserId !== lead?.bitrixUserId) ?? null;
  return { lead, executive };
}

export async function syncDemoAccounts(db: PrismaClient): Promise<'created' | 'present' | 'disabled' | 'none'> {
  const portalId = await demoPortalId(db);
  const emails = demoAccounts.map((account) => account.email);
  if (!portalId) {
    // Also free the employees they spoke for, so real accounts can be linked to them.
    const { count } = await db.user.updateMany({
      where: { email: { in: emails }, active: true },
      data: { active: false, sessionVersion: { increment: 1 }, portalId: null, bitrixUserId: null },
    });
    return count > 0 ? 'disabled' : 'none';
  }
  const active = await db.user.findMany({ where: { email: { in: emails }, active: true }, select: { email: true, bitrixUserId: true } });
  const { lead, executive } = await demoEmployees(db, portalId);
  // Created before the first sync brought the employees in: link them now.
  const unlinked = active.some((user) => user.email !== demoAccounts[0]!.email && user.bitrixUserId === null) && lead !== null;
  if (active.length === demoAccounts.length && !unlinked) return 'present';
  const passwordHash = await hashPassword(demoPassword);
  for (const account of demoAccounts) {
    const employee = account.role === 'lead' ? lead : account.role === 'executive' ? executive : null;
    const data = {
      role: account.role,
      active: true,
      passwordHash,
      name: employee ? `${employee.name} ${employee.lastName}`.trim() : 'Demo Admin',
      portalId: employee ? portalId : null,
      bitrixUserId: employee?.bitrixUserId ?? null,
    };
    await db.user.upsert({ where: { email: account.email }, create: { email: account.email, ...data }, update: data });
  }
  return 'created';
}

/** The demo accounts to list on the sign-in page: only while a demo portal is connected. */
export async function visibleDemoAccounts(db: PrismaClient): Promise<{ role: Role; email: string; name: string }[]> {
  if (!(await demoPortalId(db))) return [];
  const users = await db.user.findMany({
    where: { email: { in: demoAccounts.map((account) => account.email) }, active: true },
    select: { email: true, name: true, role: true },
  });
  return demoAccounts.flatMap((account) => users.filter((user) => user.email === account.email));
}
