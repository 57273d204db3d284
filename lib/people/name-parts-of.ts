import type { PrismaClient } from '@/lib/db/client';
import type { Gender } from './name-forms';

export type NameParts = { firstName: string; lastName: string; gender: Gender | null };

/**
 * First and last names and the portal's gender of a portal's employees, for sentences that
 * decline a name. Someone the mirror does not know is left out.
 */
export async function namePartsOf(
  db: PrismaClient,
  portalId: string,
  bitrixUserIds: readonly number[],
): Promise<Map<number, NameParts>> {
  const employees = await db.employee.findMany({
    where: { portalId, bitrixUserId: { in: [...bitrixUserIds] } },
    select: { bitrixUserId: true, name: true, lastName: true, gender: true },
  });
  return new Map(
    employees.map((employee) => [
      employee.bitrixUserId,
      {
        firstName: employee.name,
        lastName: employee.lastName,
        gender: employee.gender === 'male' || employee.gender === 'female' ? employee.gender : null,
      },
    ]),
  );
}
