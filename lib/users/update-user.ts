import { ActionError } from '@/lib/errors/action-error';
import type { Role } from '@/lib/auth/roles';
import type { Viewer } from '@/lib/auth/viewer';
import type { PrismaClient } from '@/lib/db/client';
import { isUniqueViolation } from '@/lib/db/unique-violation';
import { assertAnotherActiveAdmin } from './last-admin';
import { managedUser } from './managed-user';

/** Changes a user's role; the last active admin keeps theirs. */
export async function changeUserRole(db: PrismaClient, actor: Viewer, userId: string, role: Role): Promise<void> {
  await db.$transaction(async (tx) => {
    const user = await managedUser(tx, actor, userId);
    if (user.role === 'admin' && user.active && role !== 'admin') await assertAnotherActiveAdmin(tx, userId);
    await tx.user.update({ where: { id: userId }, data: { role } });
  });
}

/**
 * Deactivates (ending every session at once) or reactivates a user. Nobody deactivates
 * themselves, and the last active admin stays.
 */
export async function setUserActive(db: PrismaClient, actor: Viewer, userId: string, active: boolean): Promise<void> {
  if (!active && actor.id === userId) throw new ActionError('self', 'You cannot deactivate your own account.');
  await db.$transaction(async (tx) => {
    const user = await managedUser(tx, actor, userId);
    if (!active && user.role === 'admin' && user.active) await assertAnotherActiveAdmin(tx, userId);
    await tx.user.update({
      where: { id: userId },
      data: { active, ...(active ? {} : { sessionVersion: { increment: 1 } }) },
    });
  });
}

/** Links a user to a Bitrix24 employee (or unlinks with null); one user per employee. */
export async function linkUserToEmployee(
  db: PrismaClient,
  actor: Viewer,
  userId: string,
  employee: { portalId: string; bitrixUserId: number } | null,
): Promise<void> {
  await db.$transaction(async (tx) => {
    await managedUser(tx, actor, userId);
    if (employee) {
      const known = await tx.employee.findUnique({
        where: { portalId_bitrixUserId: employee },
        select: { portalId: true },
      });
      if (!known) throw new ActionError('no-employee', 'No such employee on the portal.');
      const taken = await tx.user.findFirst({ where: { ...employee, NOT: { id: userId } }, select: { email: true } });
      if (taken) throw new ActionError('employee-taken', `This employee is already linked to ${taken.email}.`);
    }
    await tx.user
      .update({ where: { id: userId }, data: employee ?? { portalId: null, bitrixUserId: null } })
      .catch((error: unknown) => {
        // Linked to someone else a moment ago, by another admin or a Bitrix24 sign-in.
        if (isUniqueViolation(error)) throw new ActionError('employee-taken', 'This employee is already linked.');
        throw error;
      });
  });
}

/** Replaces the flows an admin granted to a user; two saves at once take turns on the user's row. */
export async function setFlowGrants(db: PrismaClient, actor: Viewer, userId: string, flowIds: string[]): Promise<void> {
  await db.$transaction(async (tx) => {
    await managedUser(tx, actor, userId);
    await tx.$queryRaw`SELECT id FROM "user" WHERE id = ${userId}::uuid FOR UPDATE`;
    const flows = await tx.flow.findMany({ where: { id: { in: flowIds } }, select: { id: true } });
    if (flows.length !== new Set(flowIds).size) throw new ActionError('no-flow', 'One of the flows does not exist.');
    await tx.flowAccessGrant.deleteMany({ where: { userId } });
    await tx.flowAccessGrant.createMany({ data: flows.map((flow) => ({ userId, flowId: flow.id })) });
  });
}

/** Ends every session of a user on every device. */
export async function signOutEverywhere(db: PrismaClient, userId: string): Promise<void> {
  await db.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
}
