import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratedDatabase, type MigratedDatabase } from '@/lib/testing/migrated-database';
import { userForBitrix24Profile } from './bitrix24-sign-in';

let database: MigratedDatabase;
beforeAll(async () => {
  database = await migratedDatabase();
});
afterAll(() => database.drop());

const profile = { memberId: 'member-1', domain: 'acme.bitrix24.test', name: 'Ivan Petrov' };

describe('signing in with Bitrix24', () => {
  it('creates a lead linked to the employee on first sign-in, and finds the same user next time', async () => {
    const first = await userForBitrix24Profile(database.db, { ...profile, bitrixUserId: 3, email: 'Ivan@Acme.test' });
    const again = await userForBitrix24Profile(database.db, { ...profile, bitrixUserId: 3, email: 'changed@acme.test' });
    expect(again?.id).toBe(first?.id);
    const user = await database.db.user.findUniqueOrThrow({ where: { id: first!.id }, include: { portal: true } });
    expect(user).toMatchObject({ role: 'lead', email: 'ivan@acme.test', bitrixUserId: 3, passwordHash: null });
    expect(user.portal?.memberId).toBe('member-1');
  });

  it('links an existing unlinked account with the same e-mail instead of creating one', async () => {
    const existing = await database.db.user.create({ data: { email: 'exec@acme.test', name: 'Exec', role: 'executive' } });
    const signedIn = await userForBitrix24Profile(database.db, { ...profile, bitrixUserId: 4, email: 'EXEC@acme.test' });
    expect(signedIn?.id).toBe(existing.id);
    expect(await database.db.user.findUniqueOrThrow({ where: { id: existing.id } })).toMatchObject({ role: 'executive', bitrixUserId: 4 });
  });

  it('does not take over an account already linked to another employee', async () => {
    const signedIn = await userForBitrix24Profile(database.db, { ...profile, bitrixUserId: 5, email: 'ivan@acme.test' });
    const user = await database.db.user.findUniqueOrThrow({ where: { id: signedIn!.id } });
    expect(user).toMatchObject({ bitrixUserId: 5, email: 'bitrix24-5@acme.bitrix24.test' });
  });

  it('refuses a deactivated user', async () => {
    const user = await userForBitrix24Profile(database.db, { ...profile, bitrixUserId: 6 });
    await database.db.user.update({ where: { id: user!.id }, data: { active: false } });
    expect(await userForBitrix24Profile(database.db, { ...profile, bitrixUserId: 6 })).toBeNull();
  });
});
