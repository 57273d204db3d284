import { listDepartments, listUsers } from '@/lib/bitrix24/api/directory';
import type { Bitrix24Client } from '@/lib/bitrix24/client';
import type { PrismaClient } from '@/lib/db/client';

/**
 * Employees (dismissed ones too: tasks keep pointing at them) and departments, written in one
 * statement each. Loads and load medians are per employee, so names and departments matter.
 */
export async function syncDirectory(
  db: PrismaClient,
  client: Bitrix24Client,
  portalId: string,
): Promise<{ employees: number; departments: number }> {
  const [users, departments] = await Promise.all([listUsers(client), listDepartments(client)]);
  const employees = users.map((user) => ({
    bitrixUserId: Number(user.ID),
    name: user.NAME ?? '',
    lastName: user.LAST_NAME ?? '',
    email: user.EMAIL || null,
    position: user.WORK_POSITION ?? '',
    active: user.ACTIVE,
    departmentIds: user.UF_DEPARTMENT ?? [],
    photoUrl: typeof user.PERSONAL_PHOTO === 'string' && user.PERSONAL_PHOTO ? user.PERSONAL_PHOTO : null,
    gender: user.PERSONAL_GENDER === 'M' ? 'male' : user.PERSONAL_GENDER === 'F' ? 'female' : null,
  }));
  const units = departments.map((department) => ({
    bitrixDepartmentId: Number(department.ID),
    name: department.NAME,
    parentId: department.PARENT ? Number(department.PARENT) : null,
    headId: department.UF_HEAD ? Number(department.UF_HEAD) || null : null,
    sort: department.SORT ?? 0,
  }));
  await db.$transaction([
    db.$executeRaw`
      INSERT INTO employee ("portalId", "bitrixUserId", name, "lastName", email, position, active, "departmentIds", "photoUrl", gender)
      SELECT ${portalId}::uuid, e."bitrixUserId", e.name, e."lastName", e.email, e.position, e.active,
        ARRAY(SELECT jsonb_array_elements_text(e."departmentIds")::int), e."photoUrl", e.gender
      FROM jsonb_to_recordset(${JSON.stringify(employees)}::jsonb) AS e(
        "bitrixUserId" int, name text, "lastName" text, email text, position text, active boolean, "departmentIds" jsonb, "photoUrl" text, gender text)
      ON CONFLICT ("portalId", "bitrixUserId") DO UPDATE SET
        name = excluded.name, "lastName" = excluded."lastName", email = excluded.email, position = excluded.position,
        active = excluded.active, "departmentIds" = excluded."departmentIds", "photoUrl" = excluded."photoUrl",
        gender = excluded.gender`,
    db.$executeRaw`
      INSERT INTO department ("portalId", "bitrixDepartmentId", name, "parentId", "headId", sort)
      SELECT ${portalId}::uuid, d."bitrixDepartmentId", d.name, d."parentId", d."headId", d.sort
      FROM jsonb_to_recordset(${JSON.stringify(units)}::jsonb) AS d("bitrixDepartmentId" int, name text, "parentId" int, "headId" int, sort int)
      ON CONFLICT ("portalId", "bitrixDepartmentId") DO UPDATE SET
        name = excluded.name, "parentId" = excluded."parentId", "headId" = excluded."headId", sort = excluded.sort`,
  ]);
  return { employees: employees.length, departments: units.length };
}
