import { Prisma } from '@/lib/db/generated/client';

/**
 * A deadline as history rows keep it: ISO-8601 text becomes a timestamp, anything else is read as
 * "no deadline" rather than failing the query (the JS side reads them the same way).
 */
export function historyDeadlineSql(value: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`CASE WHEN ${value} ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}T' THEN (${value})::timestamptz END`;
}

/**
 * The deadline each task had at any moment, in SQL: the daily roll-up reads from it whether an
 * open task was past the deadline it had at a day's end.
 *
 * `deadlineSegmentsSql` expects the statement to define a CTE `metric_tasks` with the columns
 * id, "portalId", "bitrixTaskId" and deadline. It adds `deadline_segments`: one row per deadline
 * a task has had (the earlier ones from TaskChange, the current one from the task), with when it
 * was set (null: from the start) and until when it held.
 */
export const deadlineSegmentsSql = Prisma.sql`
  deadline_changes AS (
    SELECT t.id AS "taskId", c.id AS "changeId", c."changedAt",
      ${historyDeadlineSql(Prisma.sql`c."fromValue"`)} AS deadline
    FROM metric_tasks t
    JOIN task_change c ON c."portalId" = t."portalId" AND c."bitrixTaskId" = t."bitrixTaskId" AND c.field = 'deadline'
  ),
  deadline_segments AS (
    SELECT "taskId", deadline,
      lag("changedAt") OVER (PARTITION BY "taskId" ORDER BY "changedAt", "changeId") AS "setAt",
      "changedAt" AS until
    FROM deadline_changes
    UNION ALL
    SELECT t.id, t.deadline, latest."changedAt", 'infinity'::timestamptz
    FROM metric_tasks t
    LEFT JOIN (SELECT "taskId", max("changedAt") AS "changedAt" FROM deadline_changes GROUP BY "taskId") latest ON latest."taskId" = t.id
  )`;
