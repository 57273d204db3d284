import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '@/lib/auth/password';
import type { Viewer } from '@/lib/auth/viewer';
import { migratedDatabase, type MigratedDatabase } from '@/lib/testing/migrated-database';
import { whileAnotherInstanceWrites } from '@/lib/testing/uncommitted-write';
import { acceptInvite, inviteFor } from './accept-invite';
import { inviteUser, reissueInvite } from './invite-user';

const admin: Viewer = {
  id: '00000000-0000-4000-8000-000000000001',
  email: 'admin@x.test',
  name: 'Admin',
  role: 'admin',
  portalId: null,
  bitrixUserId: null,
};
let database: MigratedDatabase;
beforeAll(async () => {
  database = await migratedDatabase();
});
afterAll(() => database.drop());

describe('invitations', () => {
  it('creates a password-less user whose link sets the password once', async () => {
    const { userId, token } = await inviteUser(database.db, admin, {
      email: ' New@X.test',
      name: ' New ',
      role: 'executive',
    });
    expect(await database.db.user.findUniqueOrThrow({ where: { id: userId } })).toMatchObject({
      email: 'new@x.test',
      name: 'New',
      passwordHash: null,
    });
    expect(await inviteFor(database.db, token)).toEqual({ email: 'new@x.test', name: 'New' });

    await acceptInvite(database.db, token, 'chosen-password-1');
    const user = await database.db.user.findUniqueOrThrow({ where: { id: userId } });
    expect(await verifyPassword('chosen-password-1', user.passwordHash!)).toBe(true);
    await expect(acceptInvite(database.db, token, 'another-password')).rejects.toThrow('not valid any more');
    expect(await inviteFor(database.db, token)).toBeNull();
  });

  it('refuses a second user with the same e-mail', async () => {
    await inviteUser(database.db, admin, { email: 'twice@x.test', name: 'One', role: 'lead' });
    await expect(inviteUser(database.db, admin, { email: 'TWICE@x.test', name: 'Two', role: 'lead' })).rejects.toThrow(
      'already exists',
    );
  });

  it('says the e-mail is taken when another admin invites it at the same moment (a double submit)', async () => {
    await expect(
      whileAnotherInstanceWrites(
        database,
        (tx) => tx.user.create({ data: { email: 'race@x.test', name: 'One', role: 'lead' } }),
        () => inviteUser(database.db, admin, { email: 'race@x.test', name: 'Two', role: 'lead' }),
      ),
    ).rejects.toMatchObject({ code: 'email-taken' });
    expect(await database.db.user.count({ where: { email: 'race@x.test' } })).toBe(1);
  });

  it('a new link replaces the old one; expired links do not work', async () => {
    const { userId, token } = await inviteUser(
      database.db,
      admin,
      { email: 'later@x.test', name: 'Later', role: 'lead' },
      new Date('2026-01-01T00:00:00Z'),
    );
    const fresh = await reissueInvite(database.db, admin, userId, new Date('2026-01-01T00:00:00Z'));
    expect(await inviteFor(database.db, token)).toBeNull();
    expect(await inviteFor(database.db, fresh, new Date('2026-01-07T23:00:00Z'))).not.toBeNull();
    expect(await inviteFor(database.db, fresh, new Date('2026-01-08T00:00:01Z'))).toBeNull();
  });

  it('marks whom a demo account invites, so that leaving demo mode can switch them off', async () => {
    const demoAdmin: Viewer = { ...admin, email: 'admin@demo.flowpilot.local' };
    const { userId } = await inviteUser(database.db, demoAdmin, {
      email: 'me-as-admin@evil.test',
      name: 'Me',
      role: 'admin',
    });
    expect(await database.db.user.findUniqueOrThrow({ where: { id: userId } })).toMatchObject({
      role: 'admin',
      createdByDemo: true,
    });
    const { userId: real } = await inviteUser(database.db, admin, {
      email: 'colleague@x.test',
      name: 'Colleague',
      role: 'lead',
    });
    expect(await database.db.user.findUniqueOrThrow({ where: { id: real } })).toMatchObject({ createdByDemo: false });
  });
});
