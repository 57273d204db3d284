import { z } from 'zod';
import type { Bitrix24Client } from '../client';
import { Bitrix24Error } from '../errors';
import { portalDepartmentSchema, portalUserSchema, type PortalDepartmentData, type PortalUserData } from '../schemas';

/** Every user, dismissed ones included (tasks keep referring to them), by the `>ID` cursor. */
export async function listUsers(client: Bitrix24Client): Promise<PortalUserData[]> {
  const users: PortalUserData[] = [];
  const pages = client.listByCursor('user.get', {
    params: (lastId) => ({ FILTER: { '>ID': lastId }, sort: 'ID', order: 'ASC', start: -1 }),
    row: portalUserSchema,
    idOf: (user) => Number(user.ID),
  });
  for await (const page of pages) users.push(...page);
  return users;
}

export async function currentUser(client: Bitrix24Client): Promise<PortalUserData> {
  return (await client.call('user.current', {}, portalUserSchema)).result;
}

export async function listDepartments(client: Bitrix24Client): Promise<PortalDepartmentData[]> {
  const departments: PortalDepartmentData[] = [];
  for await (const page of client.listByOffset('department.get', { sort: 'ID', order: 'ASC' }, portalDepartmentSchema))
    departments.push(...page);
  return departments;
}

/**
 * user.admin (b24restdocs: api-reference/common/users/user-admin.md, scope `basic`): whether the
 * connection's user administers the portal. Only an admin reads every flow and task
 * (bitrix24-core-corp: modules/tasks/lib/Flow/Access/Rule/FlowReadRule.php).
 */
export async function isPortalAdmin(client: Bitrix24Client): Promise<boolean> {
  return (await client.call('user.admin', {}, z.boolean())).result;
}

/** isPortalAdmin, or null when the portal would not say (a refusal that retrying does not change). */
export async function portalAdminStatus(client: Bitrix24Client): Promise<boolean | null> {
  try {
    return await isPortalAdmin(client);
  } catch (error) {
    if (error instanceof Bitrix24Error && !error.retryable) return null;
    throw error;
  }
}
