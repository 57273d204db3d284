import type { PrismaClient } from '@/lib/db/client';
import type { Prisma } from '@/lib/db/generated/client';

const hourMs = 3_600_000;

export type QuotaState = { used: number; limit: number; resetAt: Date | null };

/**
 * The portal's rolling hourly quota of model runs (reference §6.2): each run holds a slot for an
 * hour, so when all are taken the next one frees an hour after the oldest run of the window.
 */
export async function hourlyQuota(db: PrismaClient | Prisma.TransactionClient, portalId: string, limit: number, now = new Date()): Promise<QuotaState> {
  const since = new Date(now.getTime() - hourMs);
  const used = await db.copilotAnalysis.count({ where: { portalId, startedAt: { gt: since } } });
  if (used < limit) return { used, limit, resetAt: null };
  const [freesFirst] = await db.copilotAnalysis.findMany({
    where: { portalId, startedAt: { gt: since } },
    orderBy: { startedAt: 'asc' },
    skip: used - limit,
    take: 1,
    select: { startedAt: true },
  });
  return { used, limit, resetAt: new Date((freesFirst?.startedAt.getTime() ?? now.getTime()) + hourMs) };
}
