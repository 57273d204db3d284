import type { PrismaClient } from '@/lib/db/client';
import type { Finding } from '@/lib/findings/finding';
import { personGender, type Gender } from '@/lib/people/name-forms';
import { namePartsOf } from '@/lib/people/name-parts-of';

/**
 * The gender of each person the findings name, by Bitrix24 user id: the portal's, else the name's;
 * people of unknown gender are left out. Read only when the admin lets a model know it.
 */
export async function findingPeopleGenders(
  db: PrismaClient,
  portalId: string,
  findings: readonly Finding[],
): Promise<Map<number, Gender>> {
  const ids = [...new Set(findings.flatMap((finding) => finding.people))];
  const parts = await namePartsOf(db, portalId, ids);
  return new Map(
    [...parts].flatMap(([id, person]) => {
      const gender = personGender(person);
      return gender ? [[id, gender] as const] : [];
    }),
  );
}
