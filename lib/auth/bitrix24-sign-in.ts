import type { PrismaClient } from '@/lib/db/client';
import type { Bitrix24Profile } from './bitrix24-oauth-provider';
import { normalizeEmail } from './password-sign-in';

/**
 * The Flowpilot user for someone who signed in with Bitrix24: the user already linked to that
 * employee; else an unlinked user with the same e-mail, now linked; else a new lead linked to
 * the employee. Null when that user is deactivated.
 */
export async function userForBitrix24Profile(
  db: PrismaClient,
  profile: Bitrix24Profile,
  now = new Date(),
): Promise<{ id: string; sessionVersion: number } | null> {
  return db.$transaction(async (tx) => {
    const portal = await tx.portal.upsert({
      where: { memberId: profile.memberId },
      create: { memberId: profile.memberId, domain: profile.domain, kind: 'oauth' },
      update: {},
      select: { id: true },
    });
    const link = { portalId: portal.id, bitrixUserId: profile.bitrixUserId };
    const selection = { id: true, active: true, sessionVersion: true } as const;

    let user = await tx.user.findUnique({ where: { portalId_bitrixUserId: link }, select: selection });
    const email = profile.email ? normalizeEmail(profile.email) : null;
    const sameEmail = !user && email ? await tx.user.findUnique({ where: { email }, select: { id: true, bitrixUserId: true } }) : null;
    if (sameEmail && sameEmail.bitrixUserId === null) {
      user = await tx.user.update({ where: { id: sameEmail.id }, data: link, select: selection });
    }
    user ??= await tx.user.create({
      data: {
        ...link,
        role: 'lead',
        name: profile.name,
        // Without a free e-mail on the portal, the account still needs a unique sign-in name.
        email: email && !sameEmail ? email : `bitrix24-${profile.bitrixUserId}@${profile.domain}`,
      },
      select: selection,
    });
    if (!user.active) return null;
    await tx.user.update({ where: { id: user.id }, data: { lastSignInAt: now } });
    return { id: user.id, sessionVersion: user.sessionVersion };
  });
}
