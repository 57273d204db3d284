import bcrypt from 'bcryptjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { migratedDatabase, type MigratedDatabase } from '@/lib/testing/migrated-database';
import { hashPassword } from './password';
import { SignInError, signInWithPassword } from './password-sign-in';
import { signInLimits } from './sign-in-limiter';

let database: MigratedDatabase;
beforeAll(async () => {
  database = await migratedDatabase();
  const passwordHash = await hashPassword('right-password-1');
  await database.db.user.createMany({
    data: [
      { email: 'ann@x.test', name: 'Ann', role: 'lead', passwordHash },
      { email: 'gone@x.test', name: 'Gone', role: 'lead', passwordHash, active: false },
      { email: 'oauth@x.test', name: 'OAuth only', role: 'lead' },
      ...Array.from({ length: 25 }, (_, i) => ({
        email: `crowd${i}@x.test`,
        name: `Crowd ${i}`,
        role: 'lead' as const,
        passwordHash,
      })),
    ],
  });
});
afterAll(() => database.drop());

async function failure(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(SignInError);
  return (error as SignInError).failure;
}

const at = (minutes: number) => new Date(Date.UTC(2026, 0, 1, 12, minutes));

describe('signInWithPassword', () => {
  it('signs in with the right password, whatever the e-mail case, and records the time', async () => {
    const user = await signInWithPassword(
      database.db,
      { email: ' Ann@X.test ', password: 'right-password-1', address: '10.0.0.1' },
      at(0),
    );
    expect(user.sessionVersion).toBe(0);
    expect((await database.db.user.findUniqueOrThrow({ where: { email: 'ann@x.test' } })).lastSignInAt).toEqual(at(0));
  });

  it('answers the same "invalid" for a wrong password, an unknown e-mail, a deactivated or password-less account', async () => {
    for (const email of ['ann@x.test', 'nobody@x.test', 'gone@x.test', 'oauth@x.test']) {
      const password = email === 'gone@x.test' ? 'right-password-1' : 'wrong-password';
      expect(
        await failure(signInWithPassword(database.db, { email, password, address: `10.1.0.${email.length}` }, at(1))),
      ).toEqual({ code: 'invalid' });
    }
  });

  it('locks an account after 5 failures in 15 minutes, refuses even the right password, and unlocks when the window passes', async () => {
    const email = 'crowd0@x.test';
    for (let i = 0; i < signInLimits.perAccount; i++) {
      await failure(signInWithPassword(database.db, { email, password: 'nope', address: `10.2.0.${i}` }, at(10 + i)));
    }
    // Failures at minutes 10..14: the first leaves the window at minute 25.
    expect(
      await failure(
        signInWithPassword(database.db, { email, password: 'right-password-1', address: '10.2.1.1' }, at(20)),
      ),
    ).toEqual({
      code: 'locked',
      retryAfterSeconds: 5 * 60,
    });
    await expect(
      signInWithPassword(database.db, { email, password: 'right-password-1', address: '10.2.1.1' }, at(26)),
    ).resolves.toMatchObject({});
  });

  it('locks an address after 20 failures across accounts', async () => {
    const address = '10.3.0.1';
    for (let i = 1; i <= signInLimits.perAddress; i++) {
      await failure(signInWithPassword(database.db, { email: `crowd${i}@x.test`, password: 'nope', address }, at(30)));
    }
    expect(
      await failure(
        signInWithPassword(database.db, { email: 'crowd24@x.test', password: 'right-password-1', address }, at(31)),
      ),
    ).toMatchObject({ code: 'locked' });
    await expect(
      signInWithPassword(
        database.db,
        { email: 'crowd24@x.test', password: 'right-password-1', address: '10.3.0.2' },
        at(31),
      ),
    ).resolves.toMatchObject({});
  });
});

describe('signInWithPassword under attack', () => {
  it('parallel guesses at one account: no more than the limit are checked, the rest are locked out', async () => {
    const email = 'crowd23@x.test';
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        failure(signInWithPassword(database.db, { email, password: `guess-${i}`, address: `10.9.0.${i}` }, at(40))),
      ),
    );
    expect(outcomes.filter((outcome) => outcome.code === 'invalid')).toHaveLength(signInLimits.perAccount);
    expect(outcomes.filter((outcome) => outcome.code === 'locked')).toHaveLength(20 - signInLimits.perAccount);
  });

  it('parallel guesses from one address across accounts: no more than the address limit are checked', async () => {
    const address = '10.9.1.1';
    const outcomes = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        failure(signInWithPassword(database.db, { email: `spray${i}@x.test`, password: 'guess', address }, at(41))),
      ),
    );
    expect(outcomes.filter((outcome) => outcome.code === 'invalid')).toHaveLength(signInLimits.perAddress);
  });

  it('unknown e-mails from many addresses never run more than a few password hashes at once', async () => {
    let running = 0;
    let most = 0;
    const compare = bcrypt.compare.bind(bcrypt);
    const spy = vi.spyOn(bcrypt, 'compare').mockImplementation(async (...args: Parameters<typeof bcrypt.compare>) => {
      running++;
      most = Math.max(most, running);
      try {
        return await compare(...args);
      } finally {
        running--;
      }
    });
    try {
      await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          signInWithPassword(
            database.db,
            { email: `nobody${i}@x.test`, password: 'guess', address: `10.9.2.${i}` },
            at(42),
          ).catch(() => null),
        ),
      );
    } finally {
      spy.mockRestore();
    }
    expect(most).toBeGreaterThan(0);
    expect(most).toBeLessThanOrEqual(2);
  });
});
