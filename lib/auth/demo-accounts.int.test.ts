import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratedDatabase, type MigratedDatabase } from '@/lib/testing/migrated-database';
import { demoAccounts, demoPassword, syncDemoAccounts } from './demo-accounts';
import { signInWithPassword } from './password-sign-in';

let database: MigratedDatabase;
beforeAll(async () => {
  database = await migratedDatabase();
});
afterAll(() => database.drop());

describe('demo accounts', () => {
  it('do not exist outside demo mode', async () => {
    expect(await syncDemoAccounts(database.db)).toBe('none');
    expect(await database.db.user.count()).toBe(0);
  });

  it('exist, one per role, linked to demo employees, while a demo portal is connected', async () => {
    const { db } = database;
    const portal = await db.portal.create({ data: { memberId: 'demo', domain: 'demo.local', kind: 'demo' } });
    await db.employee.createMany({
      data: [
        { portalId: portal.id, bitrixUserId: 1, name: 'Анна', lastName: 'Иванова' },
        { portalId: portal.id, bitrixUserId: 2, name: 'Борис', lastName: 'Петров' },
      ],
    });
    await db.flow.create({ data: { portalId: portal.id, bitrixFlowId: 1, name: 'Big', members: { create: [{ bitrixUserId: 2, role: 'owner' }, { bitrixUserId: 1, role: 'member' }] } } });

    expect(await syncDemoAccounts(db)).toBe('created');
    expect(await syncDemoAccounts(db)).toBe('present');
    const users = await db.user.findMany({ orderBy: { email: 'asc' }, select: { email: true, role: true, bitrixUserId: true, name: true } });
    expect(users).toEqual([
      { email: 'admin@demo.flowpilot.local', role: 'admin', bitrixUserId: null, name: 'Demo Admin' },
      { email: 'executive@demo.flowpilot.local', role: 'executive', bitrixUserId: 1, name: 'Анна Иванова' },
      { email: 'lead@demo.flowpilot.local', role: 'lead', bitrixUserId: 2, name: 'Борис Петров' },
    ]);
    for (const account of demoAccounts) {
      await expect(signInWithPassword(db, { email: account.email, password: demoPassword, address: '127.0.0.1' })).resolves.toBeDefined();
    }
  });

  it('leave alone employees that other accounts are linked to', async () => {
    const { db } = database;
    const portal = await db.portal.findFirstOrThrow({ where: { kind: 'demo' } });
    await db.user.deleteMany({ where: { email: { endsWith: '@demo.flowpilot.local' } } });
    await db.employee.create({ data: { portalId: portal.id, bitrixUserId: 3, name: 'Вера', lastName: 'Сидорова' } });
    await db.user.create({ data: { email: 'boris@real.test', name: 'Boris', role: 'lead', portalId: portal.id, bitrixUserId: 2 } });
    expect(await syncDemoAccounts(db)).toBe('created');
    const linked = await db.user.findMany({ where: { email: { endsWith: '@demo.flowpilot.local' } }, select: { bitrixUserId: true } });
    expect(linked.map((u) => u.bitrixUserId).sort()).toEqual([1, 3, null]);
  });

  it('are deactivated, sessions ended, once no demo portal is connected', async () => {
    await database.db.portal.updateMany({ where: { kind: 'demo' }, data: { kind: 'webhook' } });
    expect(await syncDemoAccounts(database.db)).toBe('disabled');
    const left = await database.db.user.findMany({ where: { email: { endsWith: '@demo.flowpilot.local' } }, select: { active: true, bitrixUserId: true } });
    expect(left).toEqual(Array(3).fill({ active: false, bitrixUserId: null }));
  });
});
