import type { PrismaClient } from '@/lib/db/client';
import type { Prisma } from '@/lib/db/generated/client';
import { dayMs, hourMs } from '@/lib/time/durations';

export type QuotaLimits = {
  hourlyRequestLimit: number;
  monthlyRequestLimit: number | null;
  userDailyLimit: number | null;
};

/** Which limit is reached, and when the next request may run. */
export type QuotaBlock = { limit: 'hour' | 'month' | 'user-day'; resetAt: Date };

type Db = PrismaClient | Prisma.TransactionClient;

/**
 * The limits on model runs (docs/copilot.md, "A run"): per portal in any rolling hour (each
 * run holds a slot for an hour, so the next frees an hour after the oldest run of the window),
 * per portal in a calendar month (UTC, resets on the first), and per user in any rolling day.
 * Null: a new run may start.
 */
/** The first moment of `now`'s calendar month in UTC, when the monthly limit starts counting again. */
export function utcMonthStart(now: Date, monthsAhead = 0): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + monthsAhead, 1));
}

export async function quotaBlock(
  db: Db,
  scope: { portalId: string; userId: string },
  limits: QuotaLimits,
  now = new Date(),
): Promise<QuotaBlock | null> {
  const hourly = await rollingBlock(db, { portalId: scope.portalId }, limits.hourlyRequestLimit, hourMs, now);
  if (hourly) return { limit: 'hour', resetAt: hourly };
  if (limits.monthlyRequestLimit !== null) {
    const used = await db.copilotAnalysis.count({
      where: { portalId: scope.portalId, startedAt: { gte: utcMonthStart(now) } },
    });
    if (used >= limits.monthlyRequestLimit) return { limit: 'month', resetAt: utcMonthStart(now, 1) };
  }
  if (limits.userDailyLimit !== null) {
    const daily = await rollingBlock(db, { requestedById: scope.userId }, limits.userDailyLimit, dayMs, now);
    if (daily) return { limit: 'user-day', resetAt: daily };
  }
  return null;
}

/** When the rolling window of `windowMs` has `limit` runs matching `where`, the moment a slot frees. */
async function rollingBlock(
  db: Db,
  where: Prisma.CopilotAnalysisWhereInput,
  limit: number,
  windowMs: number,
  now: Date,
): Promise<Date | null> {
  const inWindow = { ...where, startedAt: { gt: new Date(now.getTime() - windowMs) } };
  const used = await db.copilotAnalysis.count({ where: inWindow });
  if (used < limit) return null;
  const [freesFirst] = await db.copilotAnalysis.findMany({
    where: inWindow,
    orderBy: { startedAt: 'asc' },
    skip: used - limit,
    take: 1,
    select: { startedAt: true },
  });
  return new Date((freesFirst?.startedAt.getTime() ?? now.getTime()) + windowMs);
}
