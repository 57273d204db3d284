import type { Bitrix24Client } from '../client';
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
  for await (const page of client.listByOffset('department.get', { sort: 'ID', order: 'ASC' }, portalDepartmentSchema)) departments.push(...page);
  return departments;
}
