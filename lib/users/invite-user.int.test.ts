import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '@/lib/auth/password';
import { migratedDatabase, type MigratedDatabase } from '@/lib/testing/migrated-database';
import { acceptInvite, inviteFor } from './accept-invite';
import { inviteUser, reissueInvite } from './invite-user';

let database: MigratedDatabase;
beforeAll(async () => {
  database = await migratedDatabase();
});
afterAll(() => database.drop());

describe('invitations', () => {
  it('creates a password-less user whose link sets the password once', async () => {
    const { userId, token } = await inviteUser(database.db, { email: ' New@X.test', name: ' New ', role: 'executive' });
    expect(await database.db.user.findUniqueOrThrow({ where: { id: userId } })).toMatchObject({ email: 'new@x.test', name: 'New', passwordHash: null });
    expect(await inviteFor(database.db, token)).toEqual({ email: 'new@x.test', name: 'New' });

    await acceptInvite(database.db, token, 'chosen-password-1');
    const user = await database.db.user.findUniqueOrThrow({ where: { id: userId } });
    expect(await verifyPassword('chosen-password-1', user.passwordHash!)).toBe(true);
    await expect(acceptInvite(database.db, token, 'another-password')).rejects.toThrow('not valid any more');
    expect(await inviteFor(database.db, token)).toBeNull();
  });

  it('refuses a second user with the same e-mail', async () => {
    await inviteUser(database.db, { email: 'twice@x.test', name: 'One', role: 'lead' });
    await expect(inviteUser(database.db, { email: 'TWICE@x.test', name: 'Two', role: 'lead' })).rejects.toThrow('already exists');
  });

  it('a new link replaces the old one; expired links do not work', async () => {
    const { userId, token } = await inviteUser(database.db, { email: 'later@x.test', name: 'Later', role: 'lead' }, new Date('2026-01-01T00:00:00Z'));
    const fresh = await reissueInvite(database.db, userId, new Date('2026-01-01T00:00:00Z'));
    expect(await inviteFor(database.db, token)).toBeNull();
    expect(await inviteFor(database.db, fresh, new Date('2026-01-07T23:00:00Z'))).not.toBeNull();
    expect(await inviteFor(database.db, fresh, new Date('2026-01-08T00:00:01Z'))).toBeNull();
  });
});
