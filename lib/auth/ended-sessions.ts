import type { PrismaClient } from '@/lib/db/client';

/**
 * Ends one session on the server: its id joins the ended sessions until every token it could
 * have issued has expired (a token is re-issued while used, each time valid for `maxAgeMs` more).
 */
export async function endSession(
  db: PrismaClient,
  sessionId: string,
  maxAgeMs: number,
  now = new Date(),
): Promise<void> {
  const expiresAt = new Date(now.getTime() + maxAgeMs);
  // Skipping a duplicate waits for a session another instance is ending at the same moment, where
  // an upsert with nothing to update (read, then insert) would fail on the key.
  await db.endedSession.createMany({ data: { id: sessionId, endedAt: now, expiresAt }, skipDuplicates: true });
  // Keep the table small: ended sessions whose tokens have all expired no longer matter.
  if (Math.random() < 0.05) await db.endedSession.deleteMany({ where: { expiresAt: { lt: now } } });
}
