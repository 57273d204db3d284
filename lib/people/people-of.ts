import type { PrismaClient } from '@/lib/db/client';

/** An employee as pages show them: the name and photo of a Bitrix24 user id. */
export type Person = { bitrixUserId: number; name: string; photoUrl: string | null };

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
  const known = new Map(
    employees.map((e) => [
      `${e.portalId}:${e.bitrixUserId}`,
      {
        bitrixUserId: e.bitrixUserId,
        name: `${e.name} ${e.lastName}`.trim() || `#${e.bitrixUserId}`,
        photoUrl: e.photoUrl,
      },
    ]),
  );
  return (portalId, bitrixUserId) =>
    known.get(`${portalId}:${bitrixUserId}`) ?? { bitrixUserId, name: `#${bitrixUserId}`, photoUrl: null };
}
