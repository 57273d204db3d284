import type { PrismaClient } from '@/lib/db/client';
import type { Prisma } from '@/lib/db/generated/client';
import { isUniqueViolation } from '@/lib/db/unique-violation';
import type { Bitrix24Profile } from './bitrix24-oauth-provider';
import { normalizeEmail } from './password-sign-in';

export type Bitrix24SignIn =
  { ok: true; user: { id: string; sessionVersion: number } } | { ok: false; reason: 'disabled' | 'other-portal' };

/**
 * The portal a sign-in may come from: the portal Flowpilot is connected to (by its member id, or
 * by its domain while it is known only by domain), or the portal sign-in is configured for
 * (BITRIX24_OAUTH_PORTAL_URL). An app installed on a stranger's portal gets nowhere.
 */
async function portalFor(
  tx: Prisma.TransactionClient,
  profile: Bitrix24Profile,
  configuredPortalHost: string | null,
): Promise<string | null> {
  const known = await tx.portal.findFirst({
    where: {
      kind: { not: 'demo' },
      OR: [{ memberId: profile.memberId }, { memberId: profile.domain, domain: profile.domain }],
    },
    orderBy: { createdAt: 'asc' },
    select: { id: true, connection: { select: { portalId: true } } },
  });
  if (known?.connection) return known.id;
  if (profile.domain !== configuredPortalHost) return null;
  if (known) return known.id;
  const created = await tx.portal.create({
    data: { memberId: profile.memberId, domain: profile.domain, kind: 'oauth' },
    select: { id: true },
  });
  return created.id;
}

/**
 * The Flowpilot user for someone who signed in with Bitrix24: the user linked to that employee
 * (linked by an earlier Bitrix24 sign-in or by an admin on the Users page), else a new lead
 * linked to the employee. Never an account found by e-mail: whoever may edit a profile's e-mail
 * on the portal would otherwise sign in as the account that has it.
 */
export async function userForBitrix24Profile(
  db: PrismaClient,
  profile: Bitrix24Profile,
  options: { configuredPortalHost: string | null },
  now = new Date(),
): Promise<Bitrix24SignIn> {
  const signIn = () =>
    db.$transaction(async (tx) => {
      const portalId = await portalFor(tx, profile, options.configuredPortalHost);
      if (!portalId) return { ok: false, reason: 'other-portal' } as const;
      const link = { portalId, bitrixUserId: profile.bitrixUserId };
      const selection = { id: true, active: true, sessionVersion: true } as const;

      let user = await tx.user.findUnique({ where: { portalId_bitrixUserId: link }, select: selection });
      if (!user) {
        const email = profile.email ? normalizeEmail(profile.email) : null;
        const emailTaken = email !== null && (await tx.user.count({ where: { email } })) > 0;
        user = await tx.user.create({
          data: {
            ...link,
            role: 'lead',
            name: profile.name,
            // Without a free e-mail on the portal, the account still needs a unique sign-in name.
            email: email && !emailTaken ? email : `bitrix24-${profile.bitrixUserId}@${profile.domain}`,
          },
          select: selection,
        });
      }
      if (!user.active) return { ok: false, reason: 'disabled' } as const;
      await tx.user.update({ where: { id: user.id }, data: { lastSignInAt: now } });
      return { ok: true, user: { id: user.id, sessionVersion: user.sessionVersion } } as const;
    });
  // One employee signing in twice at once (two tabs), or two employees of a portal not yet known:
  // the sign-in that comes second fails on a unique key, and once more finds what the first made.
  return signIn().catch((error: unknown) => {
    if (isUniqueViolation(error)) return signIn();
    throw error;
  });
}
