import type { PrismaClient } from '@/lib/db/client';

/** An employee as pages show them: the name and photo of a Bitrix24 user id. */
export type Person = { bitrixUserId: number; name: string; photoUrl: string | null };

/** The mirrored employee fields a person is shown from. */
export type EmployeeName = { name: string; lastName: string; photoUrl: string | null };

/** A Bitrix24 user as pages show them; someone the mirror does not know is shown by id. */
export function personOf(bitrixUserId: number, employee: EmployeeName | null | undefined): Person {
  if (!employee) return { bitrixUserId, name: `#${bitrixUserId}`, photoUrl: null };
  return {
    bitrixUserId,
    name: `${employee.name} ${employee.lastName}`.trim() || `#${bitrixUserId}`,
    photoUrl: employee.photoUrl,
  };
}

/**
 * Names and photos of a portal's employees by Bitrix24 user id. Someone the mirror does not know
 * (left the company before the first sync) is shown by id rather than dropped.
 */
export async function peopleOf(
  db: PrismaClient,
  keys: readonly { portalId: string; bitrixUserId: number }[],
): Promise<(portalId: string, bitrixUserId: number) => Person> {
  const idsByPortal = new Map<string, Set<number>>();
  for (const key of keys)
    idsByPortal.set(key.portalId, (idsByPortal.get(key.portalId) ?? new Set()).add(key.bitrixUserId));
  const employees =
    idsByPortal.size === 0
      ? []
      : await db.employee.findMany({
          where: { OR: [...idsByPortal].map(([portalId, ids]) => ({ portalId, bitrixUserId: { in: [...ids] } })) },
          select: { portalId: true, bitrixUserId: true, name: true, lastName: true, photoUrl: true },
        });
  const known = new Map(employees.map((e) => [`${e.portalId}:${e.bitrixUserId}`, personOf(e.bitrixUserId, e)]));
  return (portalId, bitrixUserId) => known.get(`${portalId}:${bitrixUserId}`) ?? personOf(bitrixUserId, null);
}
