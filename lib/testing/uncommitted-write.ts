import { expect, vi } from 'vitest';
import { createPrismaClient, type PrismaClient } from '@/lib/db/client';
import type { MigratedDatabase } from './migrated-database';

type Transaction = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

/**
 * Runs `write` while another connection (another app instance) has written a row but not yet
 * committed it (`otherWrites` may first take the lock that instance would hold): `write` waits on that
 * row or lock until the other commits, which is when a read-then-write meets the row it did not
 * see. Deterministic, unlike starting two writers at once and hoping they interleave.
 */
export async function whileAnotherInstanceWrites<T>(
  database: MigratedDatabase,
  otherWrites: (tx: Transaction) => Promise<unknown>,
  write: () => Promise<T>,
): Promise<T> {
  const other = createPrismaClient(database.url);
  let commit!: () => void;
  const committed = new Promise<void>((resolve) => (commit = resolve));
  let written!: () => void;
  const rowWritten = new Promise<void>((resolve) => (written = resolve));
  try {
    const saving = other.$transaction(
      async (tx) => {
        await otherWrites(tx);
        written();
        await committed;
      },
      { timeout: 60_000 },
    );
    await Promise.race([rowWritten, saving]);
    const writing = write();
    // The other instance commits once `write` waits on its row or lock.
    await vi.waitFor(
      async () => {
        const [{ waiting }] = await database.db.$queryRaw<[{ waiting: number }]>`
          SELECT count(*)::int AS waiting FROM pg_stat_activity
          WHERE datname = current_database() AND wait_event_type = 'Lock'`;
        expect(waiting).toBe(1);
      },
      { timeout: 30_000, interval: 50 },
    );
    commit();
    await saving;
    return await writing;
  } finally {
    commit();
    await other.$disconnect();
  }
}
