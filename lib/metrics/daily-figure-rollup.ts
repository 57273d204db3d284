import { z } from 'zod';
import type { PrismaClient } from '@/lib/db/client';
import { Prisma } from '@/lib/db/generated/client';
import { deadlineSegmentsSql } from './deadline-overruns-sql';
import { efficiencyWindow } from './flow-efficiency';
import { dailyLeadWindowDays, figureMoment } from './day-figure-definition';
import { dayMs } from '@/lib/time/durations';
import { writeFlowOutlooks, writeListFigures } from './flow-list-figures';
import { portalDaySql } from './portal-day-sql';
import { lastPortalDays } from './portal-days';
import { violationInWindowSql, violationSpansSql } from './violation-spans-sql';
import { statusSql } from './task-status-sql';

/**
 * The roll-up: FlowDailyFigure rows, written by SQL for every flow of a portal (or some of its
 * flows), then the flows list's figures of each flow from them (flow-list-figures.ts). The daily
 * rows are the figures flowDayFigure() defines (see day-figure-definition.ts), over the mirror as
 * it stood at the end of each day. Tasks' statuses at a moment come from their status history
 * when it has any, otherwise from their dates; deadlines at a moment from the deadline history.
 * Each sync ends with a roll-up (lib/sync/run-sync.ts: the last 120 days after a full sync, the
 * last two after any other), the job worker rolls up the last two days every hour, and event
 * batches roll up the flows they touched.
 */

const portalSchema = z.object({ timeZoneOffset: z.string().regex(/^[+-]\d{2}:\d{2}$/, 'a UTC offset like +03:00') });

const rollUpOptionsSchema = z.object({
  days: z.number().int().min(1).max(3660).default(120),
  now: z.date().default(() => new Date()),
  /** Only these flows of the portal (an event batch's); every flow when absent. */
  flowIds: z.array(z.uuid()).optional(),
});

async function portalOffset(db: PrismaClient, portalId: string): Promise<string> {
  const portal = await db.portal.findUniqueOrThrow({
    where: { id: z.uuid().parse(portalId) },
    select: { timeZoneOffset: true },
  });
  return portalSchema.parse(portal).timeZoneOffset;
}

/**
 * Rolls up the last `days` portal days (default 120, today included) of the portal's flows:
 * their daily figures rebuilt from task dates and history, and the list's figures of each flow
 * with what lies ahead of it at `now`. Roll-ups of one portal take turns (an advisory lock), so
 * two never write the same rows at once. Returns the flow-days written.
 */
export async function rollUpFigures(
  db: PrismaClient,
  portalId: string,
  options: z.input<typeof rollUpOptionsSchema> = {},
): Promise<number> {
  const { days, now, flowIds } = rollUpOptionsSchema.parse(options);
  if (flowIds?.length === 0) return 0;
  const offset = await portalOffset(db, portalId);
  const [, written] = await db.$transaction(
    [
      db.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('flowpilot:roll-up'), hashtext(${portalId}))`,
      writeDailyFigures(
        db,
        portalId,
        offset,
        lastPortalDays(now.getTime(), days, offset),
        now.getTime(),
        flowIds ?? null,
      ),
      writeListFigures(db, portalId, flowIds ?? null),
    ],
    // 120 days of a million tasks take about a minute on two cores, and another roll-up may be ahead.
    { maxWait: 60_000, timeout: 30 * 60_000 },
  );
  const rolledUp =
    flowIds ?? (await db.flow.findMany({ where: { portalId }, select: { id: true } })).map((flow) => flow.id);
  await writeFlowOutlooks(db, rolledUp, now);
  return written;
}

/**
 * One INSERT … ON CONFLICT DO UPDATE for a run of consecutive days. Moments and windows are
 * drawn in JS by the same functions the JS rule uses, and passed as arrays.
 */
function writeDailyFigures(
  db: PrismaClient,
  portalId: string,
  offset: string,
  days: readonly string[],
  now: number,
  flowIds: readonly string[] | null,
): Prisma.PrismaPromise<number> {
  const moments = days.map((day) => figureMoment(day, offset, now));
  const windows = moments.map((at) => efficiencyWindow(at, offset));
  const leadSinces = moments.map((at) => at - dailyLeadWindowDays * dayMs);
  const timestamps = (times: readonly number[]) => times.map((time) => new Date(time).toISOString());
  const firstDay = days[0]!;
  const lastDay = days.at(-1)!;
  const firstAt = new Date(moments[0]!);
  const lastAt = new Date(moments.at(-1)!);
  // Tasks closed before this can count on no day of the run (efficiency and lead windows start later).
  const earliestWindow = new Date(Math.min(windows[0]!.start, leadSinces[0]!));
  const localDay = (column: Prisma.Sql) => portalDaySql(column, offset);
  const onlyTasksOf = flowIds === null ? Prisma.empty : Prisma.sql`AND t."flowId" = ANY(${flowIds}::uuid[])`;
  const onlyFlows = flowIds === null ? Prisma.empty : Prisma.sql`AND f.id = ANY(${flowIds}::uuid[])`;
  // statusAt() from the dates alone, for a task `t` at the moment `at`.
  const statusFromDates = (at: Prisma.Sql) => Prisma.sql`CASE
      WHEN t."closedAt" IS NOT NULL AND ${at} >= t."closedAt" THEN t.status
      WHEN t."startedAt" IS NOT NULL AND ${at} >= t."startedAt" THEN CASE WHEN t.status IN (${statusSql.awaitingReview}) AND t."closedAt" IS NULL THEN ${statusSql.awaitingReview} ELSE ${statusSql.inProgress} END
      WHEN t.status IN (${statusSql.deferred}) AND t."closedAt" IS NULL AND t."startedAt" IS NULL THEN ${statusSql.deferred}
      ELSE ${statusSql.pending}
    END`;

  return db.$executeRaw`
    WITH days AS (
      SELECT * FROM unnest(
        ${days}::date[],
        ${timestamps(moments)}::timestamptz[],
        ${timestamps(windows.map((window) => window.start))}::timestamptz[],
        ${timestamps(windows.map((window) => window.end))}::timestamptz[],
        ${timestamps(leadSinces)}::timestamptz[]
      ) AS d(day, at, "windowStart", "windowEnd", "leadSince")
    ),
    -- Every mirrored task in a flow of the portal; read where needed rather than copied.
    portal_tasks AS NOT MATERIALIZED (
      SELECT t.* FROM task t
      WHERE t."portalId" = ${portalId}::uuid AND t."flowId" IS NOT NULL AND t."deletedAt" IS NULL ${onlyTasksOf}
    ),
    status_history AS (
      SELECT t.id AS "taskId", t."flowId", t."createdAt", c.id AS "changeId", c."changedAt", c."toValue"::int AS status
      FROM portal_tasks t
      JOIN task_change c ON c."portalId" = t."portalId" AND c."bitrixTaskId" = t."bitrixTaskId" AND c.field = 'status'
      WHERE c."toValue" ~ '^[0-9]+$'
    ),
    history_tasks AS (SELECT DISTINCT "taskId" FROM status_history),
    -- Tasks whose status may move between the first and the last day's end; all others keep, on
    -- every day of the run, the status they had at the end of the first (one pass, no spans).
    moving AS (
      SELECT id FROM portal_tasks t
      WHERE t."createdAt" > ${firstAt}::timestamptz
        OR (t."startedAt" > ${firstAt}::timestamptz AND t."startedAt" <= ${lastAt}::timestamptz)
        OR (t."closedAt" > ${firstAt}::timestamptz AND t."closedAt" <= ${lastAt}::timestamptz)
      UNION
      SELECT "taskId" FROM status_history WHERE "changedAt" > ${firstAt}::timestamptz AND "changedAt" <= ${lastAt}::timestamptz
    ),
    status_at_first_by_history AS (
      SELECT DISTINCT ON ("taskId") "taskId", status FROM status_history
      WHERE "changedAt" <= ${firstAt}::timestamptz
      ORDER BY "taskId", "changedAt" DESC, "changeId" DESC
    ),
    -- Each task's time cut into spans [fromT, untilT) of one status, as statusAt() reads it.
    status_spans AS (
      SELECT * FROM (
        SELECT t.id AS "taskId", t."flowId",
          CASE WHEN h."taskId" IS NOT NULL THEN COALESCE(f.status, 2) ELSE ${statusFromDates(Prisma.sql`${firstAt}::timestamptz`)} END AS status,
          '-infinity'::timestamptz AS "fromT", NULL::timestamptz AS "untilT"
        FROM portal_tasks t
        LEFT JOIN history_tasks h ON h."taskId" = t.id
        LEFT JOIN status_at_first_by_history f ON f."taskId" = t.id
        WHERE NOT EXISTS (SELECT 1 FROM moving m WHERE m.id = t.id)
        UNION ALL
        -- Moving, with a history: pending from creation, then each change's status until the next change.
        SELECT "taskId", "flowId", status, GREATEST("changedAt", "createdAt"),
          lead("changedAt") OVER (PARTITION BY "taskId" ORDER BY "changedAt", "changeId")
        FROM status_history WHERE "taskId" IN (SELECT id FROM moving)
        UNION ALL
        SELECT "taskId", "flowId", ${statusSql.pending}, min("createdAt"), min("changedAt")
        FROM status_history WHERE "taskId" IN (SELECT id FROM moving) GROUP BY "taskId", "flowId"
        UNION ALL
        -- Moving, without one: from the creation, start and close dates.
        SELECT "taskId", "flowId", status, "fromT", lead("fromT") OVER (PARTITION BY "taskId" ORDER BY "fromT")
        FROM (
          SELECT DISTINCT t.id AS "taskId", t."flowId", b.at AS "fromT", ${statusFromDates(Prisma.sql`b.at`)} AS status
          FROM portal_tasks t
          JOIN moving m ON m.id = t.id
          CROSS JOIN LATERAL (VALUES (t."createdAt"), (t."startedAt"), (t."closedAt")) AS b(at)
          WHERE b.at >= t."createdAt" AND NOT EXISTS (SELECT 1 FROM history_tasks h WHERE h."taskId" = t.id)
        ) breakpoints
      ) spans
      WHERE "untilT" IS NULL OR "untilT" > "fromT"
    ),
    -- The tasks that can be open, or count for efficiency or lead time, on some day of the run.
    metric_tasks AS (
      SELECT t.id, t."portalId", t."bitrixTaskId", t."flowId", t.status, t."createdBy", t."responsibleId",
        t."createdAt", t."startedAt", t."closedAt", t.deadline,
        ${localDay(Prisma.sql`t."createdAt"`)} AS "createdDay", ${localDay(Prisma.sql`t."closedAt"`)} AS "closedDay"
      FROM portal_tasks t
      WHERE t."closedAt" IS NULL OR t."closedAt" >= ${earliestWindow}::timestamptz OR t.status IN (${statusSql.open})
        OR EXISTS (SELECT 1 FROM history_tasks h WHERE h."taskId" = t.id)
    ),
    ${deadlineSegmentsSql},
    ${violationSpansSql},
    -- Counts by status at each day's end as running sums: a span adds 1 on the first day it covers
    -- the day's end and takes it back on the first day it no longer does.
    span_days AS (
      SELECT "flowId", status, GREATEST(${localDay(Prisma.sql`"fromT"`)}, ${firstDay}::date) AS "firstDay", ${localDay(Prisma.sql`"untilT"`)} AS "endDay"
      FROM status_spans WHERE status IN (${statusSql.openOrCompleted})
    ),
    count_changes AS (
      SELECT "flowId", "firstDay" AS day, status, 1 AS change FROM span_days
      WHERE "firstDay" <= ${lastDay}::date AND ("endDay" IS NULL OR "endDay" > "firstDay")
      UNION ALL
      SELECT "flowId", "endDay", status, -1 FROM span_days
      WHERE "firstDay" <= ${lastDay}::date AND "endDay" > "firstDay" AND "endDay" <= ${lastDay}::date
    ),
    daily_count_changes AS (
      SELECT "flowId", day,
        sum(change) FILTER (WHERE status IN (${statusSql.waiting})) AS pending, sum(change) FILTER (WHERE status IN (${statusSql.inProgress})) AS "inProgress",
        sum(change) FILTER (WHERE status IN (${statusSql.awaitingReview})) AS "awaitingReview", sum(change) FILTER (WHERE status IN (${statusSql.completed})) AS completed
      FROM count_changes GROUP BY "flowId", day
    ),
    grid AS (SELECT f.id AS "flowId", d.day FROM flow f CROSS JOIN days d WHERE f."portalId" = ${portalId}::uuid ${onlyFlows}),
    counts AS (
      SELECT g."flowId", g.day,
        sum(COALESCE(c.pending, 0)) OVER w AS pending, sum(COALESCE(c."inProgress", 0)) OVER w AS "inProgress",
        sum(COALESCE(c."awaitingReview", 0)) OVER w AS "awaitingReview", sum(COALESCE(c.completed, 0)) OVER w AS completed
      FROM grid g LEFT JOIN daily_count_changes c ON c."flowId" = g."flowId" AND c.day = g.day
      WINDOW w AS (PARTITION BY g."flowId" ORDER BY g.day)
    ),
    -- Tasks open at each day's end, with the deadline they had then.
    open_days AS (
      SELECT t."flowId", t."responsibleId", d.day,
        deadline_then.deadline IS NOT NULL AND CASE
          WHEN t."closedAt" <= d.at THEN t."closedAt" > deadline_then.deadline
          ELSE d.at > deadline_then.deadline
        END AS overdue
      FROM status_spans s
      JOIN metric_tasks t ON t.id = s."taskId"
      CROSS JOIN LATERAL generate_series(
        GREATEST(${localDay(Prisma.sql`s."fromT"`)}, ${firstDay}::date),
        COALESCE(LEAST(${localDay(Prisma.sql`s."untilT"`)} - 1, ${lastDay}::date), ${lastDay}::date),
        interval '1 day') AS g(day)
      JOIN days d ON d.day = g.day::date
      LEFT JOIN deadline_segments deadline_then ON deadline_then."taskId" = t.id
        AND (deadline_then."setAt" IS NULL OR deadline_then."setAt" <= d.at) AND deadline_then.until > d.at
      WHERE s.status IN (${statusSql.open}) AND s."fromT" <= d.at AND (s."untilT" IS NULL OR s."untilT" > d.at)
    ),
    open_load AS (
      SELECT "flowId", day, sum(late) AS overdue,
        jsonb_agg(jsonb_build_object('responsibleId', "responsibleId", 'open', open, 'overdue', late) ORDER BY "responsibleId") AS "assigneeLoad"
      FROM (
        SELECT "flowId", day, "responsibleId", count(*)::int AS open, count(*) FILTER (WHERE overdue)::int AS late
        FROM open_days GROUP BY "flowId", day, "responsibleId"
      ) per_assignee
      GROUP BY "flowId", day
    ),
    -- Tasks that may count on a day for efficiency or lead time: from their creation to 31 days
    -- after their close, with the status they had at the day's end.
    task_days AS (
      SELECT t.*, d.day, d.at, d."windowStart", d."windowEnd", d."leadSince", s.status AS "statusThen"
      FROM metric_tasks t
      CROSS JOIN LATERAL generate_series(
        GREATEST(t."createdDay", ${firstDay}::date),
        LEAST(${lastDay}::date, COALESCE(t."closedDay" + 31, ${lastDay}::date)),
        interval '1 day') AS g(day)
      JOIN days d ON d.day = g.day::date
      JOIN status_spans s ON s."taskId" = t.id AND s."fromT" <= d.at AND (s."untilT" IS NULL OR s."untilT" > d.at)
    ),
    -- Tasks the efficiency rule may count or find violating on a day; deferred ones (by their
    -- status then) are not counted, but their violations are (lib/metrics/flow-efficiency.ts).
    efficiency_candidates AS (
      SELECT id, "flowId", day, at, "statusThen", "windowStart", "windowEnd" FROM task_days
      WHERE "createdBy" <> "responsibleId" AND "createdAt" <= "windowEnd" AND ("closedAt" IS NULL OR "closedAt" >= "windowStart")
    ),
    violating AS (
      SELECT DISTINCT t.id, t.day
      FROM efficiency_candidates t JOIN violation_spans s ON s."taskId" = t.id
      WHERE ${violationInWindowSql({ at: Prisma.sql`t.at`, windowStart: Prisma.sql`t."windowStart"`, windowEnd: Prisma.sql`t."windowEnd"` })}
    ),
    efficiency AS (
      SELECT t."flowId", t.day, count(*) FILTER (WHERE t."statusThen" NOT IN (${statusSql.deferred})) AS total, count(v.id) AS violations
      FROM efficiency_candidates t LEFT JOIN violating v ON v.id = t.id AND v.day = t.day
      GROUP BY t."flowId", t.day
    ),
    lead_times AS (
      SELECT "flowId", day,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS p50,
        percentile_cont(0.85) WITHIN GROUP (ORDER BY ms) AS p85,
        percentile_cont(0.95) WITHIN GROUP (ORDER BY ms) AS p95
      FROM (
        SELECT "flowId", day, GREATEST(0, extract(epoch FROM "closedAt" - "createdAt") * 1000)::float8 AS ms
        FROM task_days
        WHERE "statusThen" IN (${statusSql.completed}) AND "closedAt" <= at AND "closedAt" >= "leadSince"
      ) closed
      GROUP BY "flowId", day
    ),
    created_that_day AS (
      SELECT "flowId", "createdDay" AS day, count(*) AS created FROM metric_tasks
      WHERE "createdDay" BETWEEN ${firstDay}::date AND ${lastDay}::date GROUP BY 1, 2
    ),
    completed_that_day AS (
      SELECT "flowId", "closedDay" AS day, count(*) AS completed FROM metric_tasks
      WHERE status IN (${statusSql.completed}) AND "closedDay" BETWEEN ${firstDay}::date AND ${lastDay}::date GROUP BY 1, 2
    )
    INSERT INTO flow_daily_figure AS f ("flowId", day, pending, "inProgress", "awaitingReview", completed, "completedToday",
      created, overdue, efficiency, "leadP50", "leadP85", "leadP95", "assigneeLoad")
    SELECT g."flowId", g.day, c.pending, c."inProgress", c."awaitingReview", c.completed, COALESCE(ct.completed, 0),
      COALESCE(cr.created, 0), COALESCE(o.overdue, 0),
      -- Rounded as flowEfficiency rounds (float8, floor(x + 0.5) = Math.round).
      CASE WHEN COALESCE(e.total, 0) = 0 THEN 100
        ELSE GREATEST(0, floor(100 * (1 - e.violations::float8 / e.total::float8) + 0.5)) END,
      floor(l.p50 / 1000 + 0.5), floor(l.p85 / 1000 + 0.5), floor(l.p95 / 1000 + 0.5),
      COALESCE(o."assigneeLoad", '[]'::jsonb)
    FROM grid g
    JOIN counts c ON c."flowId" = g."flowId" AND c.day = g.day
    LEFT JOIN open_load o ON o."flowId" = g."flowId" AND o.day = g.day
    LEFT JOIN efficiency e ON e."flowId" = g."flowId" AND e.day = g.day
    LEFT JOIN lead_times l ON l."flowId" = g."flowId" AND l.day = g.day
    LEFT JOIN created_that_day cr ON cr."flowId" = g."flowId" AND cr.day = g.day
    LEFT JOIN completed_that_day ct ON ct."flowId" = g."flowId" AND ct.day = g.day
    ON CONFLICT ("flowId", day) DO UPDATE SET
      pending = EXCLUDED.pending, "inProgress" = EXCLUDED."inProgress", "awaitingReview" = EXCLUDED."awaitingReview",
      completed = EXCLUDED.completed, "completedToday" = EXCLUDED."completedToday", created = EXCLUDED.created,
      overdue = EXCLUDED.overdue, efficiency = EXCLUDED.efficiency, "leadP50" = EXCLUDED."leadP50",
      "leadP85" = EXCLUDED."leadP85", "leadP95" = EXCLUDED."leadP95", "assigneeLoad" = EXCLUDED."assigneeLoad"`;
}
