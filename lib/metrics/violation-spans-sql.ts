import { Prisma } from '@/lib/db/generated/client';
import { historyDeadlineSql } from './deadline-overruns-sql';

/**
 * The efficiency rule's violations in SQL, the same replay as violationSpans() in
 * flow-efficiency.ts, shared by the flows list and the daily roll-up.
 *
 * Expects the statement to define a CTE `metric_tasks` with the columns id, "portalId",
 * "bitrixTaskId", status, "createdBy", "responsibleId", "createdAt", "closedAt" and deadline. Adds
 * `violation_spans` ("taskId", start, "end"): while the status is not 4, 5 or 6, there is a
 * deadline and the assignee is not the creator, a violation runs from the passing of the deadline
 * until one of them changes ("end" null: still running). Between two changes of a task the three
 * are fixed; each one's value then is the earlier value of its first change after that moment,
 * else the task's value today.
 */
export const violationSpansSql = Prisma.sql`
  state_changes AS (
    SELECT t.id AS "taskId", c."changedAt" AS at, c.id AS "changeId", c.field::text AS field, c."fromValue"
    FROM metric_tasks t
    JOIN task_change c ON c."portalId" = t."portalId" AND c."bitrixTaskId" = t."bitrixTaskId"
    UNION ALL
    -- Without a status history, a closed task was open until its close.
    SELECT t.id, t."closedAt", 0, 'status', '3'
    FROM metric_tasks t
    WHERE t."closedAt" IS NOT NULL AND NOT EXISTS (
      SELECT 1 FROM task_change c WHERE c."portalId" = t."portalId" AND c."bitrixTaskId" = t."bitrixTaskId" AND c.field = 'status'
    )
  ),
  state_moments AS (
    SELECT "taskId", at,
      bool_or(field = 'status') AS "statusMoved", (array_agg("fromValue" ORDER BY "changeId") FILTER (WHERE field = 'status'))[1] AS "statusBefore",
      bool_or(field = 'deadline') AS "deadlineMoved", (array_agg("fromValue" ORDER BY "changeId") FILTER (WHERE field = 'deadline'))[1] AS "deadlineBefore",
      bool_or(field = 'responsible') AS "responsibleMoved", (array_agg("fromValue" ORDER BY "changeId") FILTER (WHERE field = 'responsible'))[1] AS "responsibleBefore"
    FROM (
      SELECT "taskId", at, "changeId", field, "fromValue" FROM state_changes
      UNION ALL
      SELECT id, "createdAt", NULL, NULL, NULL FROM metric_tasks
    ) moments
    GROUP BY "taskId", at
  ),
  state_stretches AS (
    SELECT "taskId", at, lead(at) OVER forward AS until,
      array_agg("statusBefore") FILTER (WHERE "statusMoved") OVER later AS statuses,
      array_agg("deadlineBefore") FILTER (WHERE "deadlineMoved") OVER later AS deadlines,
      array_agg("responsibleBefore") FILTER (WHERE "responsibleMoved") OVER later AS responsibles
    FROM state_moments
    WINDOW forward AS (PARTITION BY "taskId" ORDER BY at),
      later AS (PARTITION BY "taskId" ORDER BY at DESC ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
  ),
  state_values AS (
    SELECT s."taskId", s.at, s.until, t."createdAt", t."createdBy",
      -- The nearest later change is the last one gathered (the window runs from the latest back).
      CASE WHEN s.statuses IS NULL THEN t.status::text ELSE s.statuses[cardinality(s.statuses)] END AS status,
      CASE WHEN s.deadlines IS NULL THEN t.deadline
        ELSE ${historyDeadlineSql(Prisma.sql`s.deadlines[cardinality(s.deadlines)]`)} END AS deadline,
      CASE WHEN s.responsibles IS NULL THEN t."responsibleId"::text ELSE s.responsibles[cardinality(s.responsibles)] END AS responsible
    FROM state_stretches s JOIN metric_tasks t ON t.id = s."taskId"
  ),
  violation_spans AS (
    SELECT "taskId", GREATEST(at, "createdAt", deadline) AS start, until AS "end"
    FROM state_values
    WHERE COALESCE(status, '') NOT IN ('4', '5', '6') AND deadline IS NOT NULL AND responsible IS DISTINCT FROM "createdBy"::text
      AND (until IS NULL OR GREATEST(at, "createdAt", deadline) < until)
  )`;

/**
 * A violation span `s` of a task that counts, as of `at`, in the window: started by the window's
 * end (and by `at`), and not repaired before the window's start (the module's query in
 * lib/internals/effective.php, getViolationsQuery).
 */
export function violationInWindowSql(window: {
  at: Prisma.Sql;
  windowStart: Prisma.Sql;
  windowEnd: Prisma.Sql;
}): Prisma.Sql {
  return Prisma.sql`s.start <= LEAST(${window.windowEnd}, ${window.at}) AND (s."end" IS NULL OR s."end" >= ${window.windowStart})`;
}
