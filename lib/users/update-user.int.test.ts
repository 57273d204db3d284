import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Viewer } from '@/lib/auth/viewer';
import { migratedDatabase, type MigratedDatabase } from '@/lib/testing/migrated-database';
import { whileAnotherInstanceWrites } from '@/lib/testing/uncommitted-write';
import { changeUserRole, linkUserToEmployee, setFlowGrants, setUserActive, signOutEverywhere } from './update-user';

let database: MigratedDatabase;
let ids: Record<string, string>;
let portalId: string;

beforeEach(async () => {
  database = await migratedDatabase();
  const { db } = database;
  portalId = (await db.portal.create({ data: { memberId: 'm1', domain: 'p.test', kind: 'webhook' } })).id;
  await db.employee.createMany({
    data: [
      { portalId, bitrixUserId: 7, name: 'Seven' },
      { portalId, bitrixUserId: 8, name: 'Eight' },
    ],
  });
  ids = {};
  for (const [key, role] of [
    ['alice', 'admin'],
    ['bob', 'admin'],
    ['lea', 'lead'],
  ] as const) {
    ids[key] = (await db.user.create({ data: { email: `${key}@x.test`, name: key, role } })).id;
  }
});
afterEach(() => database.drop());

const viewer = (id: string): Viewer => ({ id, email: '', name: '', role: 'admin', portalId: null, bitrixUserId: null });

describe('user management', () => {
  it('keeps at least one active admin: the last one can be neither demoted nor deactivated', async () => {
    await changeUserRole(database.db, viewer(ids.alice!), ids.bob!, 'executive');
    await expect(changeUserRole(database.db, viewer(ids.alice!), ids.alice!, 'lead')).rejects.toThrow(
      'The last active admin cannot be demoted or deactivated.',
    );
    await expect(setUserActive(database.db, viewer(ids.lea!), ids.alice!, false)).rejects.toThrow(/last active admin/);
    expect((await database.db.user.findUniqueOrThrow({ where: { id: ids.alice! } })).role).toBe('admin');
  });

  it('lets only one of two admins demoting each other at the same moment succeed', async () => {
    const results = await Promise.allSettled([
      changeUserRole(database.db, viewer(ids.alice!), ids.alice!, 'lead'),
      changeUserRole(database.db, viewer(ids.alice!), ids.bob!, 'lead'),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await database.db.user.count({ where: { role: 'admin', active: true } })).toBe(1);
  });

  it('counts a deactivated admin as gone', async () => {
    await setUserActive(database.db, viewer(ids.alice!), ids.bob!, false);
    await expect(changeUserRole(database.db, viewer(ids.alice!), ids.alice!, 'lead')).rejects.toThrow(
      /last active admin/,
    );
  });

  it('deactivation ends the sessions; nobody deactivates themselves', async () => {
    await expect(setUserActive(database.db, viewer(ids.alice!), ids.alice!, false)).rejects.toThrow(
      'You cannot deactivate your own account.',
    );
    await setUserActive(database.db, viewer(ids.alice!), ids.lea!, false);
    const lea = await database.db.user.findUniqueOrThrow({ where: { id: ids.lea! } });
    expect(lea).toMatchObject({ active: false, sessionVersion: 1 });
    await signOutEverywhere(database.db, ids.lea!);
    expect((await database.db.user.findUniqueOrThrow({ where: { id: ids.lea! } })).sessionVersion).toBe(2);
  });

  it('links one user per employee, refuses unknown employees, and unlinks', async () => {
    await linkUserToEmployee(database.db, viewer(ids.alice!), ids.lea!, { portalId, bitrixUserId: 7 });
    await expect(
      linkUserToEmployee(database.db, viewer(ids.alice!), ids.bob!, { portalId, bitrixUserId: 7 }),
    ).rejects.toThrow('already linked to lea@x.test');
    await expect(
      linkUserToEmployee(database.db, viewer(ids.alice!), ids.bob!, { portalId, bitrixUserId: 99 }),
    ).rejects.toThrow('No such employee');
    await linkUserToEmployee(database.db, viewer(ids.alice!), ids.lea!, null);
    expect(await database.db.user.findUniqueOrThrow({ where: { id: ids.lea! } })).toMatchObject({
      portalId: null,
      bitrixUserId: null,
    });
  });

  it('says the employee is taken when another admin links them to someone else at the same moment', async () => {
    await expect(
      whileAnotherInstanceWrites(
        database,
        (tx) => tx.user.update({ where: { id: ids.bob! }, data: { portalId, bitrixUserId: 7 } }),
        () => linkUserToEmployee(database.db, viewer(ids.alice!), ids.lea!, { portalId, bitrixUserId: 7 }),
      ),
    ).rejects.toMatchObject({ code: 'employee-taken' });
    expect(await database.db.user.findMany({ where: { bitrixUserId: 7 }, select: { id: true } })).toEqual([
      { id: ids.bob! },
    ]);
  });

  it('saves flow grants sent twice at the same moment (a double submit) once', async () => {
    const flow = await database.db.flow.create({
      data: { portalId, bitrixFlowId: 9, name: 'C' },
      select: { id: true },
    });
    // The first request holds the user while it replaces their grants.
    await whileAnotherInstanceWrites(
      database,
      async (tx) => {
        await tx.$queryRaw`SELECT id FROM "user" WHERE id = ${ids.lea!}::uuid FOR UPDATE`;
        await tx.flowAccessGrant.deleteMany({ where: { userId: ids.lea! } });
        await tx.flowAccessGrant.create({ data: { userId: ids.lea!, flowId: flow.id } });
      },
      () => setFlowGrants(database.db, viewer(ids.alice!), ids.lea!, [flow.id]),
    );
    expect(
      await database.db.flowAccessGrant.findMany({ where: { userId: ids.lea! }, select: { flowId: true } }),
    ).toEqual([{ flowId: flow.id }]);
  });

  it('replaces flow grants and refuses unknown flows', async () => {
    const flows = await Promise.all(
      ['A', 'B'].map((name, i) =>
        database.db.flow.create({ data: { portalId, bitrixFlowId: i + 1, name }, select: { id: true } }),
      ),
    );
    await setFlowGrants(
      database.db,
      viewer(ids.alice!),
      ids.lea!,
      flows.map((f) => f.id),
    );
    await setFlowGrants(database.db, viewer(ids.alice!), ids.lea!, [flows[1]!.id]);
    expect(
      await database.db.flowAccessGrant.findMany({ where: { userId: ids.lea! }, select: { flowId: true } }),
    ).toEqual([{ flowId: flows[1]!.id }]);
    await expect(
      setFlowGrants(database.db, viewer(ids.alice!), ids.lea!, ['00000000-0000-4000-8000-000000000000']),
    ).rejects.toThrow('does not exist');
  });
});

describe('user management and the demo accounts', () => {
  const demoAdmin = (): Viewer => ({
    id: ids.demo!,
    email: 'admin@demo.flowpilot.local',
    name: 'Demo Admin',
    role: 'admin',
    portalId: null,
    bitrixUserId: null,
  });

  beforeEach(async () => {
    ids.demo = (
      await database.db.user.create({
        data: { email: 'admin@demo.flowpilot.local', name: 'Demo Admin', role: 'admin' },
      })
    ).id;
    ids.demoLead = (
      await database.db.user.create({ data: { email: 'lead@demo.flowpilot.local', name: 'Demo Lead', role: 'lead' } })
    ).id;
  });

  it('nobody changes a demo account through the Users page: Flowpilot manages them itself', async () => {
    const actor = viewer(ids.alice!);
    // One at a time: a refusal made before it is awaited would be an unhandled rejection.
    for (const attempt of [
      () => changeUserRole(database.db, actor, ids.demoLead!, 'admin'),
      () => setUserActive(database.db, actor, ids.demoLead!, true),
      () => linkUserToEmployee(database.db, actor, ids.demoLead!, { portalId, bitrixUserId: 7 }),
      () => setFlowGrants(database.db, actor, ids.demoLead!, []),
    ]) {
      await expect(attempt()).rejects.toMatchObject({ code: 'demo-account' });
    }
    expect(await database.db.user.findUniqueOrThrow({ where: { id: ids.demoLead! } })).toMatchObject({
      role: 'lead',
      bitrixUserId: null,
    });
  });

  it('a demo admin may change only the accounts it invited', async () => {
    await expect(changeUserRole(database.db, demoAdmin(), ids.lea!, 'admin')).rejects.toMatchObject({
      code: 'demo-actor',
    });
    await expect(setUserActive(database.db, demoAdmin(), ids.alice!, false)).rejects.toMatchObject({
      code: 'demo-actor',
    });
    const invitedId = (
      await database.db.user.create({
        data: { email: 'guest@x.test', name: 'Guest', role: 'lead', createdByDemo: true },
      })
    ).id;
    await changeUserRole(database.db, demoAdmin(), invitedId, 'executive');
    expect((await database.db.user.findUniqueOrThrow({ where: { id: invitedId } })).role).toBe('executive');
    expect((await database.db.user.findUniqueOrThrow({ where: { id: ids.lea! } })).role).toBe('lead');
  });
});
