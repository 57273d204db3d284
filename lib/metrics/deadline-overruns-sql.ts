import { Prisma } from '@/lib/db/generated/client';

/**
 * The efficiency rule's deadline overruns in SQL, shared by the live flow figures and the daily
 * roll-up so both count a violation the same way as overrunIntervals() in flow-efficiency.ts.
 *
 * `deadlineSegmentsSql` expects the statement to define a CTE `metric_tasks` with the columns
 * id, "portalId", "bitrixTaskId" and deadline. It adds `deadline_segments`: one row per deadline
 * a task has had (the earlier ones from TaskChange, the current one from the task), with when it
 * was set (null: from the start) and until when it held. Keeping replaced deadlines is what makes
 * an overrun count even after the deadline was moved.
 */
export const deadlineSegmentsSql = Prisma.sql`
  deadline_changes AS (
    SELECT t.id AS "taskId", c.id AS "changeId", c."changedAt",
      -- History rows carry ISO-8601 text; anything else is read as "no deadline" rather than failing the query.
      CASE WHEN c."fromValue" ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}T' THEN c."fromValue"::timestamptz END AS deadline
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

/**
 * Conditions on a deadline segment `s` (joined to its task on s."taskId") under which the task,
 * as of `at`, had been open past that deadline during the window: the segment was already set by
 * `at`, its deadline fell before the task was closed (or before `at` while still open), and the
 * overrun overlaps [windowStart, windowEnd]. A task violates when any of its segments does.
 * Callers join rather than use a correlated EXISTS, which Postgres cannot turn into a hash join
 * over this CTE (it ran once per task: minutes on a million tasks).
 */
export function overrunInWindowSql(task: { at: Prisma.Sql; openUntil: Prisma.Sql; windowStart: Prisma.Sql; windowEnd: Prisma.Sql }): Prisma.Sql {
  return Prisma.sql`s.deadline IS NOT NULL
    AND (s."setAt" IS NULL OR s."setAt" <= ${task.at})
    AND s.deadline < LEAST(s.until, ${task.openUntil})
    AND s.deadline <= ${task.windowEnd}
    AND LEAST(s.until, ${task.openUntil}) >= ${task.windowStart}`;
}
