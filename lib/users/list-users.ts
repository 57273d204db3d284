import type { PrismaClient } from '@/lib/db/client';
import type { Role } from '@/lib/auth/roles';

export type UserListItem = {
  id: string;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  hasPassword: boolean;
  employee: { portalId: string; bitrixUserId: number; name: string | null } | null;
  lastSignInAt: Date | null;
  grantedFlows: number;
};

export async function listUsers(db: PrismaClient): Promise<UserListItem[]> {
  const users = await db.user.findMany({
    orderBy: [{ active: 'desc' }, { name: 'asc' }],
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      active: true,
      passwordHash: true,
      portalId: true,
      bitrixUserId: true,
      lastSignInAt: true,
      _count: { select: { flowGrants: true } },
    },
  });
  const linked = users.filter((u) => u.portalId !== null && u.bitrixUserId !== null);
  const employees = await db.employee.findMany({
    where: { OR: linked.map((u) => ({ portalId: u.portalId!, bitrixUserId: u.bitrixUserId! })) },
    select: { portalId: true, bitrixUserId: true, name: true, lastName: true },
  });
  const names = new Map(employees.map((e) => [`${e.portalId}:${e.bitrixUserId}`, `${e.name} ${e.lastName}`.trim()]));
  return users.map((u) => ({
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    active: u.active,
    hasPassword: u.passwordHash !== null,
    employee:
      u.portalId !== null && u.bitrixUserId !== null
        ? {
            portalId: u.portalId,
            bitrixUserId: u.bitrixUserId,
            name: names.get(`${u.portalId}:${u.bitrixUserId}`) ?? null,
          }
        : null,
    lastSignInAt: u.lastSignInAt,
    grantedFlows: u._count.flowGrants,
  }));
}

export type EmployeeOption = { portalId: string; bitrixUserId: number; name: string; active: boolean };

/** Employees a user can be linked to, active ones first. */
export async function listEmployeeOptions(db: PrismaClient): Promise<EmployeeOption[]> {
  const employees = await db.employee.findMany({
    orderBy: [{ active: 'desc' }, { lastName: 'asc' }, { name: 'asc' }],
    select: { portalId: true, bitrixUserId: true, name: true, lastName: true, active: true },
  });
  return employees.map((e) => ({
    portalId: e.portalId,
    bitrixUserId: e.bitrixUserId,
    name: `${e.name} ${e.lastName}`.trim(),
    active: e.active,
  }));
}
