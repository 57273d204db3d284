import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratedDatabase, type MigratedDatabase } from '@/lib/testing/migrated-database';
import { whileAnotherInstanceWrites } from '@/lib/testing/uncommitted-write';
import { hashPassword } from './password';
import { userForBitrix24Profile } from './bitrix24-sign-in';

let database: MigratedDatabase;
beforeAll(async () => {
  database = await migratedDatabase();
});
afterAll(() => database.drop());

const configuredHost = 'acme.bitrix24.test';
const profile = { memberId: 'member-1', domain: configuredHost, name: 'Ivan Petrov' };
const signIn = (p: Parameters<typeof userForBitrix24Profile>[1]) =>
  userForBitrix24Profile(database.db, p, { configuredPortalHost: configuredHost });

describe('signing in with Bitrix24', () => {
  it('creates a lead linked to the employee on first sign-in, and finds the same user next time', async () => {
    const first = await signIn({ ...profile, bitrixUserId: 3, email: 'Ivan@Acme.test' });
    const again = await signIn({ ...profile, bitrixUserId: 3, email: 'changed@acme.test' });
    expect(first.ok && again.ok && again.user.id === first.user.id).toBe(true);
    const user = await database.db.user.findUniqueOrThrow({
      where: { id: first.ok ? first.user.id : '' },
      include: { portal: true },
    });
    expect(user).toMatchObject({ role: 'lead', email: 'ivan@acme.test', bitrixUserId: 3, passwordHash: null });
    expect(user.portal?.memberId).toBe('member-1');
  });

  it('signs in both of two sign-ins of one employee at the same moment (two tabs), as one user', async () => {
    const portal = await database.db.portal.findUniqueOrThrow({ where: { memberId: 'member-1' } });
    // The other tab's sign-in has created the employee's user and not yet committed.
    const signedIn = await whileAnotherInstanceWrites(
      database,
      (tx) =>
        tx.user.create({
          data: { email: 'tabs@acme.test', name: 'Tabs', role: 'lead', portalId: portal.id, bitrixUserId: 21 },
        }),
      () => signIn({ ...profile, bitrixUserId: 21, email: 'tabs@acme.test' }),
    );
    const user = await database.db.user.findFirstOrThrow({ where: { portalId: portal.id, bitrixUserId: 21 } });
    expect(signedIn).toMatchObject({ ok: true, user: { id: user.id } });
    expect(await database.db.user.count({ where: { bitrixUserId: 21 } })).toBe(1);
  });

  it('signs in the account an admin linked to the employee', async () => {
    const portal = await database.db.portal.findUniqueOrThrow({ where: { memberId: 'member-1' } });
    const linked = await database.db.user.create({
      data: { email: 'exec@acme.test', name: 'Exec', role: 'executive', portalId: portal.id, bitrixUserId: 4 },
    });
    const signedIn = await signIn({ ...profile, bitrixUserId: 4, email: 'someone-else@acme.test' });
    expect(signedIn).toMatchObject({ ok: true, user: { id: linked.id } });
  });

  it("never links by e-mail: a profile carrying the first admin's e-mail gets its own lead account, not the admin's", async () => {
    const admin = await database.db.user.create({
      data: {
        email: 'boss@acme.test',
        name: 'Boss',
        role: 'admin',
        passwordHash: await hashPassword('boss-password-1'),
      },
    });
    const invited = await database.db.user.create({
      data: { email: 'invited@acme.test', name: 'Invited admin', role: 'admin' },
    });
    const viaAdminEmail = await signIn({ ...profile, bitrixUserId: 7, email: 'Boss@acme.test' });
    const viaInvitedEmail = await signIn({ ...profile, bitrixUserId: 8, email: 'invited@acme.test' });
    for (const result of [viaAdminEmail, viaInvitedEmail]) {
      expect(result.ok).toBe(true);
      const user = await database.db.user.findUniqueOrThrow({ where: { id: result.ok ? result.user.id : '' } });
      expect(user.role).toBe('lead');
      expect([admin.id, invited.id]).not.toContain(user.id);
    }
    expect(await database.db.user.findUniqueOrThrow({ where: { id: admin.id } })).toMatchObject({
      bitrixUserId: null,
      portalId: null,
    });
    expect(await database.db.user.findUniqueOrThrow({ where: { id: invited.id } })).toMatchObject({
      bitrixUserId: null,
      portalId: null,
    });
  });

  it('gives a profile whose e-mail is taken a sign-in name of its own', async () => {
    const signedIn = await signIn({ ...profile, bitrixUserId: 5, email: 'ivan@acme.test' });
    const user = await database.db.user.findUniqueOrThrow({ where: { id: signedIn.ok ? signedIn.user.id : '' } });
    expect(user).toMatchObject({ bitrixUserId: 5, email: 'bitrix24-5@acme.bitrix24.test' });
  });

  it('refuses a portal that is neither connected nor configured, and creates nothing for it', async () => {
    const before = await database.db.portal.count();
    const users = await database.db.user.count();
    expect(
      await signIn({
        memberId: 'stranger',
        domain: 'evil.bitrix24.test',
        name: 'Eve',
        bitrixUserId: 1,
        email: 'boss@acme.test',
      }),
    ).toEqual({ ok: false, reason: 'other-portal' });
    expect(await database.db.portal.count()).toBe(before);
    expect(await database.db.user.count()).toBe(users);
  });

  it('accepts the connected portal by its member id even when sign-in names another portal', async () => {
    const connected = await database.db.portal.create({
      data: {
        memberId: 'member-2',
        domain: 'beta.bitrix24.test',
        kind: 'webhook',
        connection: { create: { kind: 'webhook' } },
      },
    });
    const result = await userForBitrix24Profile(
      database.db,
      { memberId: 'member-2', domain: 'beta.bitrix24.test', name: 'Bea', bitrixUserId: 9 },
      { configuredPortalHost: null },
    );
    expect(result.ok).toBe(true);
    expect(await database.db.user.findUniqueOrThrow({ where: { id: result.ok ? result.user.id : '' } })).toMatchObject({
      portalId: connected.id,
    });
    // A portal row alone (no connection), as an earlier sign-in would leave it, does not count.
    await database.db.portal.create({ data: { memberId: 'member-3', domain: 'old.bitrix24.test', kind: 'oauth' } });
    expect(
      await userForBitrix24Profile(
        database.db,
        { memberId: 'member-3', domain: 'old.bitrix24.test', name: 'Old', bitrixUserId: 1 },
        { configuredPortalHost: null },
      ),
    ).toEqual({
      ok: false,
      reason: 'other-portal',
    });
  });

  it('refuses a deactivated user', async () => {
    const user = await signIn({ ...profile, bitrixUserId: 6 });
    await database.db.user.update({ where: { id: user.ok ? user.user.id : '' }, data: { active: false } });
    expect(await signIn({ ...profile, bitrixUserId: 6 })).toEqual({ ok: false, reason: 'disabled' });
  });
});
