import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migratedDatabase, type MigratedDatabase } from '@/lib/testing/migrated-database';
import { whileAnotherInstanceWrites } from '@/lib/testing/uncommitted-write';
import { createFirstAdmin, prepareFirstRun, SetupError, setupState } from './first-admin';
import { verifyPassword } from './password';

let database: MigratedDatabase;
beforeEach(async () => {
  database = await migratedDatabase();
});
afterEach(() => database.drop());

const admin = { name: 'Ada', email: 'Ada@Example.test', password: 'a-long-password' };

describe('first run', () => {
  it('issues a one-time setup link on an empty database, and a new start makes the old link useless', async () => {
    const first = await prepareFirstRun(database.db, {});
    expect(first.state).toBe('setup-link');
    const second = await prepareFirstRun(database.db, {});
    if (first.state !== 'setup-link' || second.state !== 'setup-link') throw new Error('expected setup links');
    expect(await setupState(database.db, first.token)).toBe('invalid-link');
    expect(await setupState(database.db, second.token)).toBe('open');
  });

  it('creates the admin once; the link cannot be replayed and setup reports done', async () => {
    const run = await prepareFirstRun(database.db, {});
    if (run.state !== 'setup-link') throw new Error('expected a setup link');
    const created = await createFirstAdmin(database.db, { token: run.token, ...admin });
    expect(created.email).toBe('ada@example.test');
    const stored = await database.db.user.findUniqueOrThrow({ where: { email: 'ada@example.test' } });
    expect(stored.role).toBe('admin');
    expect(await verifyPassword(admin.password, stored.passwordHash!)).toBe(true);

    await expect(
      createFirstAdmin(database.db, { token: run.token, ...admin, email: 'eve@example.test' }),
    ).rejects.toThrow(SetupError);
    expect(await setupState(database.db, run.token)).toBe('done');
    expect(await database.db.user.count()).toBe(1);
    expect(await prepareFirstRun(database.db, {})).toEqual({ state: 'ready' });
  });

  it('lets exactly one of two racing requests create the admin', async () => {
    const run = await prepareFirstRun(database.db, {});
    if (run.state !== 'setup-link') throw new Error('expected a setup link');
    const results = await Promise.allSettled([
      createFirstAdmin(database.db, { token: run.token, ...admin }),
      createFirstAdmin(database.db, { token: run.token, ...admin, email: 'eve@example.test' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await database.db.user.count()).toBe(1);
  });

  it('refuses an expired link', async () => {
    const run = await prepareFirstRun(database.db, {}, new Date('2026-01-01T00:00:00Z'));
    if (run.state !== 'setup-link') throw new Error('expected a setup link');
    await expect(
      createFirstAdmin(database.db, { token: run.token, ...admin }, new Date('2026-01-02T00:00:01Z')),
    ).rejects.toThrow('invalid-link');
  });

  it('creates the admin from ADMIN_EMAIL and ADMIN_PASSWORD instead, and only on an empty database', async () => {
    expect(await prepareFirstRun(database.db, { email: 'Root@Example.test', password: 'from-the-env-1' })).toEqual({
      state: 'admin-created',
      email: 'root@example.test',
    });
    expect(await prepareFirstRun(database.db, { email: 'other@example.test', password: 'from-the-env-1' })).toEqual({
      state: 'ready',
    });
    expect(await database.db.user.count()).toBe(1);
  });

  it('two instances starting at once on an empty database with ADMIN_EMAIL create the admin once, and both start', async () => {
    const fromEnv = { email: 'root@example.test', password: 'from-the-env-1' };
    // The other instance is inside its own first run: it holds the lock and has created the admin.
    const run = await whileAnotherInstanceWrites(
      database,
      async (tx) => {
        await tx.$executeRaw`LOCK TABLE "user" IN SHARE ROW EXCLUSIVE MODE`;
        await tx.user.create({ data: { email: fromEnv.email, name: 'root', role: 'admin', passwordHash: 'x' } });
      },
      () => prepareFirstRun(database.db, fromEnv),
    );
    expect(run).toEqual({ state: 'ready' });
    expect(await database.db.user.count()).toBe(1);
  });
});

describe('first run beside other accounts', () => {
  it('is done only once an active admin of this deployment exists: leads, demo accounts and deactivated admins do not count', async () => {
    const { db } = database;
    await db.user.createMany({
      data: [
        { email: 'lead@bitrix24.test', name: 'Lead from Bitrix24', role: 'lead' },
        { email: 'admin@demo.flowpilot.local', name: 'Demo Admin', role: 'admin' },
        { email: 'gone@example.test', name: 'Gone', role: 'admin', active: false },
      ],
    });
    const run = await prepareFirstRun(db, {});
    expect(run.state).toBe('setup-link');
    if (run.state !== 'setup-link') return;
    expect(await setupState(db, run.token)).toBe('open');
    await createFirstAdmin(db, { token: run.token, ...admin });
    expect(await prepareFirstRun(db, {})).toEqual({ state: 'ready' });
  });

  it('an admin a demo account invited does not finish the setup', async () => {
    const { db } = database;
    await db.user.create({
      data: { email: 'stranger@evil.test', name: 'Stranger', role: 'admin', createdByDemo: true },
    });
    const run = await prepareFirstRun(db, {});
    expect(run.state).toBe('setup-link');
  });
});
