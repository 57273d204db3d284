import { z } from 'zod';
import type { PrismaClient } from '@/lib/db/client';
import { utcMonthStart } from './request-quota';

const usageDaySchema = z.object({
  day: z.string(),
  requests: z.number(),
  promptTokens: z.number(),
  completionTokens: z.number(),
});

export type CopilotUsage = {
  lastHour: number;
  thisMonth: number;
  /** The last 14 days (UTC), oldest first, days without requests included. */
  days: z.infer<typeof usageDaySchema>[];
  feedback: { helpful: number; notHelpful: number };
  changes: { at: string; by: string | null; changes: Record<string, unknown> }[];
};

/** What an admin sees of CoPilot's use: requests against the limits, per day with tokens, votes, and the latest setting changes. */
export async function copilotUsage(db: PrismaClient, now = new Date()): Promise<CopilotUsage> {
  const [lastHour, thisMonth, dayRows, votes, changes] = await Promise.all([
    db.copilotAnalysis.count({ where: { startedAt: { gt: new Date(now.getTime() - 3_600_000) } } }),
    db.copilotAnalysis.count({ where: { startedAt: { gte: utcMonthStart(now) } } }),
    db.$queryRaw<unknown[]>`
      SELECT to_char(d, 'YYYY-MM-DD') AS day, count(a.id)::int AS requests,
        coalesce(sum(a."promptTokens"), 0)::int AS "promptTokens", coalesce(sum(a."completionTokens"), 0)::int AS "completionTokens"
      FROM generate_series((${now}::timestamptz AT TIME ZONE 'UTC')::date - 13, (${now}::timestamptz AT TIME ZONE 'UTC')::date, interval '1 day') d
      LEFT JOIN copilot_analysis a ON (a."startedAt" AT TIME ZONE 'UTC')::date = d::date
      GROUP BY d ORDER BY d`,
    db.copilotFeedback.groupBy({ by: ['helpful'], _count: true }),
    db.copilotSettingsChange.findMany({ orderBy: { changedAt: 'desc' }, take: 10 }),
  ]);
  const users = await db.user.findMany({
    where: { id: { in: changes.flatMap((change) => (change.userId ? [change.userId] : [])) } },
    select: { id: true, name: true },
  });
  return {
    lastHour,
    thisMonth,
    days: z.array(usageDaySchema).parse(dayRows),
    feedback: {
      helpful: votes.find((vote) => vote.helpful)?._count ?? 0,
      notHelpful: votes.find((vote) => !vote.helpful)?._count ?? 0,
    },
    changes: changes.map((change) => ({
      at: change.changedAt.toISOString(),
      by: users.find((user) => user.id === change.userId)?.name ?? null,
      changes: z.record(z.string(), z.unknown()).parse(change.changes),
    })),
  };
}
