import { hashPassword } from '@/lib/auth/password';
import { createPrismaClient } from '@/lib/db/client';
import type { Role } from '@/lib/auth/roles';
import { e2eMemberId } from './oauth-company';

/**
 * What the e2e specs sign in as and look at: one user per role, a portal with employees and
 * three flows. The lead (employee 11) owns "Support" and works in "Sales"; "Legal" is outside
 * their scope. (Later the demo portal and the sync provide this data; here it is written directly.)
 */
export const seedPassword = 'correct-horse-battery';
export const seedUsers: Record<Role, { email: string; name: string; bitrixUserId: number | null }> = {
  admin: { email: 'admin@e2e.test', name: 'Ada Admin', bitrixUserId: null },
  lead: { email: 'lead@e2e.test', name: 'Лев Лидов', bitrixUserId: 11 },
  executive: { email: 'exec@e2e.test', name: 'Eva Exec', bitrixUserId: 12 },
};
/** Accounts that specs change (lock out, sign out everywhere), so the per-role sessions stay usable. */
export const spareUsers = {
  lockout: { email: 'lockout@e2e.test', name: 'Lock Out', role: 'executive' as Role },
  roaming: { email: 'roaming@e2e.test', name: 'Rita Roaming', role: 'lead' as Role },
};
export type SeededFlows = { support: string; sales: string; legal: string };

export async function seedE2eData(databaseUrl: string): Promise<SeededFlows> {
  const db = createPrismaClient(databaseUrl);
  try {
    const portal = await db.portal.create({
      data: { memberId: e2eMemberId, domain: 'e2e.bitrix24.test', kind: 'webhook' },
    });
    await db.employee.createMany({
      data: [
        { portalId: portal.id, bitrixUserId: 11, name: 'Лев', lastName: 'Лидов' },
        { portalId: portal.id, bitrixUserId: 12, name: 'Eva', lastName: 'Exec' },
        { portalId: portal.id, bitrixUserId: 13, name: 'Oleg', lastName: 'Owner' },
        { portalId: portal.id, bitrixUserId: 14, name: 'Nina', lastName: 'Newcomer' },
      ],
    });
    const flow = (name: string, efficiency: number, members: [number, 'owner' | 'moderator' | 'member'][]) =>
      db.flow.create({
        data: {
          portalId: portal.id,
          bitrixFlowId: Math.floor(Math.random() * 1e6),
          name,
          portalEfficiency: efficiency,
          members: { create: members.map(([bitrixUserId, role]) => ({ bitrixUserId, role })) },
        },
        select: { id: true },
      });
    const support = await flow('Support', 91, [
      [11, 'owner'],
      [14, 'member'],
    ]);
    const sales = await flow('Sales', 64, [
      [13, 'owner'],
      [11, 'member'],
    ]);
    const legal = await flow('Legal', 77, [
      [13, 'owner'],
      [12, 'moderator'],
    ]);
    const passwordHash = await hashPassword(seedPassword);
    for (const [role, user] of Object.entries(seedUsers) as [Role, (typeof seedUsers)[Role]][]) {
      await db.user.create({
        data: {
          email: user.email,
          name: user.name,
          role,
          passwordHash,
          ...(user.bitrixUserId === null ? {} : { portalId: portal.id, bitrixUserId: user.bitrixUserId }),
        },
      });
    }
    for (const user of Object.values(spareUsers)) await db.user.create({ data: { ...user, passwordHash } });
    return { support: support.id, sales: sales.id, legal: legal.id };
  } finally {
    await db.$disconnect();
  }
}
