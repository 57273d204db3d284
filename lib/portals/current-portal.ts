import type { PrismaClient } from '@/lib/db/client';

/** The portal this deployment mirrors: the connected one (one per deployment today; the schema allows more). */
export async function currentPortal(
  db: PrismaClient,
): Promise<{ id: string; domain: string; kind: 'demo' | 'webhook' | 'oauth' } | null> {
  const connection = await db.portalConnection.findFirst({
    orderBy: { connectedAt: 'desc' },
    select: { portal: { select: { id: true, domain: true, kind: true } } },
  });
  return connection?.portal ?? null;
}
