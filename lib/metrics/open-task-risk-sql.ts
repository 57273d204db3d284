import { Prisma } from '@/lib/db/generated/client';

/**
 * isOverdue and isAtRisk (metric-task.ts) in SQL, for an open task aliased `t` at the moment `at`. Every live figure that counts or lists overdue and at-risk
 * work uses these two, so the flows list's counts, the risk table, team load and aging agree.
 */

/** Has a deadline, and was handed in after it (a close date set on review decides) or is still open past it. */
export function openTaskOverdueSql(moment: Date | string): Prisma.Sql {
  const at = Prisma.sql`${moment}::timestamptz`;
  return Prisma.sql`(t.deadline IS NOT NULL AND CASE WHEN t."closedAt" IS NOT NULL THEN t."closedAt" > t.deadline ELSE ${at} > t.deadline END)`;
}

/** Not late yet, but 80 % of the time from creation to the deadline gone; milliseconds divided as JS divides them. */
export function openTaskAtRiskSql(moment: Date | string): Prisma.Sql {
  const at = Prisma.sql`${moment}::timestamptz`;
  return Prisma.sql`(t.deadline IS NOT NULL AND ${at} <= t.deadline AND t.deadline > t."createdAt"
    AND (extract(epoch FROM ${at} - t."createdAt") * 1000)::float8 / (extract(epoch FROM t.deadline - t."createdAt") * 1000)::float8 >= 0.8)`;
}
