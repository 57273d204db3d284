import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratedDatabase, type MigratedDatabase } from '@/lib/testing/migrated-database';
import { demoAccounts, linkDemoAccounts, syncDemoAccounts } from './demo-accounts';
import { signInWithPassword } from './password-sign-in';

const demoPassword = 'per-install-demo-password';
let database: MigratedDatabase;
beforeAll(async () => {
  database = await migratedDatabase();
});
afterAll(() => database.drop());

describe('demo accounts', () => {
  it('do not exist outside demo mode', async () => {
    expect(await syncDemoAccounts(database.db, demoPassword)).toMatchObject({ state: 'none' });
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
    await db.flow.create({
      data: {
        portalId: portal.id,
        bitrixFlowId: 1,
        name: 'Big',
        members: {
          create: [
            { bitrixUserId: 2, role: 'owner' },
            { bitrixUserId: 1, role: 'member' },
          ],
        },
      },
    });

    expect(await syncDemoAccounts(db, demoPassword)).toMatchObject({ state: 'created' });
    expect(await syncDemoAccounts(db, demoPassword)).toMatchObject({ state: 'present' });
    const users = await db.user.findMany({
      orderBy: { email: 'asc' },
      select: { email: true, role: true, bitrixUserId: true, name: true },
    });
    expect(users).toEqual([
      { email: 'admin@demo.flowpilot.local', role: 'admin', bitrixUserId: null, name: 'Demo Admin' },
      { email: 'executive@demo.flowpilot.local', role: 'executive', bitrixUserId: 1, name: 'Анна Иванова' },
      { email: 'lead@demo.flowpilot.local', role: 'lead', bitrixUserId: 2, name: 'Борис Петров' },
    ]);
    for (const account of demoAccounts) {
      await expect(
        signInWithPassword(db, { email: account.email, password: demoPassword, address: '127.0.0.1' }),
      ).resolves.toBeDefined();
    }
  });

  it('leave alone employees that other accounts are linked to', async () => {
    const { db } = database;
    const portal = await db.portal.findFirstOrThrow({ where: { kind: 'demo' } });
    await db.user.deleteMany({ where: { email: { endsWith: '@demo.flowpilot.local' } } });
    await db.employee.create({ data: { portalId: portal.id, bitrixUserId: 3, name: 'Вера', lastName: 'Сидорова' } });
    await db.user.create({
      data: { email: 'boris@real.test', name: 'Boris', role: 'lead', portalId: portal.id, bitrixUserId: 2 },
    });
    expect(await syncDemoAccounts(db, demoPassword)).toMatchObject({ state: 'created' });
    const linked = await db.user.findMany({
      where: { email: { endsWith: '@demo.flowpilot.local' } },
      select: { bitrixUserId: true },
    });
    expect(linked.map((u) => u.bitrixUserId).sort()).toEqual([1, 3, null]);
  });

  it('give the lead the owner of the busiest flow, the lowest flow id first among flows as busy', async () => {
    const { db } = database;
    const portal = await db.portal.findFirstOrThrow({ where: { kind: 'demo' } });
    await db.user.deleteMany({ where: { email: 'boris@real.test' } });
    // Two flows busier than "Big", as busy as each other, written by a sync in the order 9, 8: a
    // sync writes flows in whatever order the portal lists them, so that order must not decide.
    for (const [bitrixFlowId, owner] of [
      [9, 3],
      [8, 1],
    ] as const)
      await db.flow.create({
        data: {
          portalId: portal.id,
          bitrixFlowId,
          name: `Busy ${bitrixFlowId}`,
          members: {
            create: [1, 2, 3].map((id) => ({ bitrixUserId: id, role: id === owner ? 'owner' : 'member' })),
          },
        },
      });
    await linkDemoAccounts(db);
    expect((await db.user.findUniqueOrThrow({ where: { email: 'lead@demo.flowpilot.local' } })).bitrixUserId).toBe(1);
    await db.flow.deleteMany({ where: { portalId: portal.id, bitrixFlowId: { in: [8, 9] } } });
  });

  it('are deactivated, sessions ended, once no demo portal is connected', async () => {
    await database.db.portal.updateMany({ where: { kind: 'demo' }, data: { kind: 'webhook' } });
    expect(await syncDemoAccounts(database.db, demoPassword)).toMatchObject({ state: 'disabled' });
    const left = await database.db.user.findMany({
      where: { email: { endsWith: '@demo.flowpilot.local' } },
      select: { active: true, bitrixUserId: true },
    });
    expect(left).toEqual(Array(3).fill({ active: false, bitrixUserId: null }));
  });

  it('take a new password when the installation has a new one', async () => {
    const { db } = database;
    await db.portal.updateMany({ where: { kind: 'webhook' }, data: { kind: 'demo' } });
    expect(await syncDemoAccounts(db, 'another-install-password')).toMatchObject({ state: 'created' });
    await expect(
      signInWithPassword(db, { email: demoAccounts[0]!.email, password: demoPassword, address: '127.0.0.2' }),
    ).rejects.toThrow();
    await expect(
      signInWithPassword(db, {
        email: demoAccounts[0]!.email,
        password: 'another-install-password',
        address: '127.0.0.2',
      }),
    ).resolves.toBeDefined();
  });

  it('leaving demo mode switches off what the demo accounts made: accounts they invited, their invitations, the model they chose', async () => {
    const { db } = database;
    const demoAdmin = await db.user.findUniqueOrThrow({ where: { email: demoAccounts[0]!.email } });
    const invited = await db.user.create({
      data: { email: 'stranger@evil.test', name: 'Stranger', role: 'admin', createdByDemo: true },
    });
    await db.accountToken.create({
      data: {
        tokenHash: 'hash-of-invite',
        purpose: 'invite',
        userId: invited.id,
        expiresAt: new Date(Date.now() + 86_400_000),
      },
    });
    const own = await db.user.create({ data: { email: 'owner@real.test', name: 'Owner', role: 'admin' } });
    await db.copilotSettings.create({
      data: {
        id: 1,
        provider: { kind: 'openai_compatible', baseURL: 'https://collector.evil.test/v1', model: 'x' },
        sealedProviderSecret: 'v1.sealed',
      },
    });
    await db.copilotSettingsChange.create({
      data: { userId: demoAdmin.id, changes: { provider: 'openai_compatible' } },
    });

    await db.portal.updateMany({ where: { kind: 'demo' }, data: { kind: 'webhook' } });
    expect(await syncDemoAccounts(db, demoPassword)).toEqual({
      state: 'disabled',
      demoAccounts: 3,
      invitedAccounts: 1,
      invitations: 1,
      modelReset: true,
    });

    expect(await db.user.findUniqueOrThrow({ where: { id: invited.id } })).toMatchObject({
      active: false,
      sessionVersion: 1,
    });
    expect(await db.accountToken.count({ where: { userId: invited.id } })).toBe(0);
    expect(await db.user.findUniqueOrThrow({ where: { id: own.id } })).toMatchObject({ active: true });
    expect(await db.copilotSettings.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject({
      provider: { kind: 'builtin' },
      sealedProviderSecret: null,
    });
    // Once is enough: an admin may switch an account back on afterwards.
    await db.user.update({ where: { id: invited.id }, data: { active: true } });
    expect(await syncDemoAccounts(db, demoPassword)).toMatchObject({ state: 'none' });
    expect(await db.user.findUniqueOrThrow({ where: { id: invited.id } })).toMatchObject({ active: true });
  });
});
