import type { Prisma } from '@/lib/db/generated/client';

/**
 * Takes the portal's mirror-write lock for the rest of the transaction. A sync on one instance
 * and event batches on another write the same flows and tasks in different orders (a sync links
 * every task to its flow; an event batch writes a few tasks and their flows), which PostgreSQL
 * answers with a deadlock that fails one of them. Each write transaction is short and reads
 * nothing from the portal, so taking turns costs little.
 */
export async function lockMirrorWrites(tx: Prisma.TransactionClient, portalId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('flowpilot:mirror-writes'), hashtext(${portalId}))`;
}
