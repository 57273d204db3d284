import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratedDatabase, type MigratedDatabase } from '@/lib/testing/migrated-database';
import { whileAnotherInstanceWrites } from '@/lib/testing/uncommitted-write';
import { endSession } from './ended-sessions';

let database: MigratedDatabase;
beforeAll(async () => {
  database = await migratedDatabase();
});
afterAll(async () => {
  await database?.drop();
});

describe('ending a session', () => {
  it('records the session once when two instances end it at the same moment (sign out in two tabs)', async () => {
    const sessionId = randomUUID();
    const now = new Date('2026-12-01T10:00:00Z');
    await whileAnotherInstanceWrites(
      database,
      (tx) => tx.endedSession.create({ data: { id: sessionId, endedAt: now, expiresAt: new Date(now.getTime() + 1) } }),
      () => endSession(database.db, sessionId, 3_600_000, now),
    );
    expect(await database.db.endedSession.count({ where: { id: sessionId } })).toBe(1);
  });

  it('ending an ended session again changes nothing', async () => {
    const sessionId = randomUUID();
    const now = new Date('2026-12-01T10:00:00Z');
    await endSession(database.db, sessionId, 3_600_000, now);
    await endSession(database.db, sessionId, 7_200_000, new Date('2026-12-01T11:00:00Z'));
    expect(await database.db.endedSession.findUniqueOrThrow({ where: { id: sessionId } })).toMatchObject({
      endedAt: now,
      expiresAt: new Date('2026-12-01T11:00:00Z'),
    });
  });
});
