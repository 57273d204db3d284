import { z } from 'zod';
import type { PrismaClient } from '@/lib/db/client';
import { Prisma } from '@/lib/db/generated/client';
import { efficiencyWindow } from './flow-efficiency';
import type { StatusCounts } from './status-series';
import { metricQueryOptionsSchema, type MetricQueryOptions } from './metric-query-options';
import { dayMs } from '@/lib/time/durations';
import type { Distribution } from './percentiles';
import { openTaskAtRiskSql, openTaskOverdueSql } from './open-task-risk-sql';
import { violationInWindowSql, violationSpansSql } from './violation-spans-sql';
import { statusSql } from './task-status-sql';

/** One row of the flows list: the flow card's figures, computed from the mirror in one statement. */
export type FlowSummary = {
  flowId: string;
  name: string;
  counts: StatusCounts;
  /** Open tasks past their deadline now. */
  overdueOpen: number;
  /** Open tasks not yet late but past 80 % of their time (isAtRisk). */
  atRisk: number;
  efficiency: {
    /** By the portal's rule (flowEfficiency): 30 days in portal time. */
    value: number;
    total: number;
    violations: number;
    window: { start: Date; end: Date };
    /** What the portal's stored column says; it may be stale (portal-efficiency-check.ts). */
    portalValue: number | null;
  };
  /** Created → completed, in milliseconds, of tasks completed in the last `windowDays` days. */
  leadTime: Distribution & { windowDays: number };
};

const rowSchema = z.object({
  flowId: z.string(),
  pending: z.number(),
  inProgress: z.number(),
  awaitingReview: z.number(),
  completed: z.number(),
  deferred: z.number(),
  overdueOpen: z.number(),
  atRisk: z.number(),
  efficiency: z.number(),
  total: z.number(),
  violations: z.number(),
  leadCount: z.number(),
  leadMean: z.number().nullable(),
  leadP50: z.number().nullable(),
  leadP85: z.number().nullable(),
  leadP95: z.number().nullable(),
});

/**
 * The flows list's figures for the flows a caller may see. `flows` is the caller's access filter
 * (a Prisma where, e.g. visibleFlowsWhere) or a list of flow ids already checked; scoping stays
 * with the caller. Ordered by flow name.
 */
export async function flowSummaries(
  db: PrismaClient,
  flows: Prisma.FlowWhereInput | readonly string[],
  options: MetricQueryOptions = {},
): Promise<FlowSummary[]> {
  const { now, windowDays } = metricQueryOptionsSchema.parse(options);
  const where: Prisma.FlowWhereInput = Array.isArray(flows)
    ? { id: { in: [...flows] } }
    : (flows as Prisma.FlowWhereInput);
  const found = await db.flow.findMany({
    where,
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    select: { id: true, name: true, portalEfficiency: true, portal: { select: { timeZoneOffset: true } } },
  });
  if (found.length === 0) return [];
  // Each flow's efficiency window is its portal's 30 days; the same function as the JS rule draws it.
  const windows = found.map((flow) => efficiencyWindow(now.getTime(), flow.portal.timeZoneOffset));
  const flowIds = found.map((flow) => flow.id);
  const leadSince = new Date(now.getTime() - windowDays * dayMs);
  const rows = await db.$queryRaw<unknown[]>`
    WITH scope AS (
      SELECT * FROM unnest(
        ${flowIds}::uuid[],
        ${windows.map((window) => new Date(window.start).toISOString())}::timestamptz[],
        ${windows.map((window) => new Date(window.end).toISOString())}::timestamptz[]
      ) AS s("flowId", "windowStart", "windowEnd")
    ),
    -- The tasks the efficiency rule may count or find violating: creator is not the assignee,
    -- created by the window's end and not closed before its start. Per flow, so the (flowId,
    -- closedAt) index finds the open and recently closed tasks without reading the rest.
    metric_tasks AS (
      SELECT t.*, s."windowStart", s."windowEnd"
      FROM scope s
      CROSS JOIN LATERAL (
        SELECT t.id, t."portalId", t."bitrixTaskId", t."flowId", t.deadline, t."closedAt", t."createdAt", t.status, t."createdBy", t."responsibleId", t."deletedAt"
        FROM task t WHERE t."flowId" = s."flowId" AND t."closedAt" IS NULL
        UNION ALL
        SELECT t.id, t."portalId", t."bitrixTaskId", t."flowId", t.deadline, t."closedAt", t."createdAt", t.status, t."createdBy", t."responsibleId", t."deletedAt"
        FROM task t WHERE t."flowId" = s."flowId" AND t."closedAt" >= s."windowStart"
      ) t
      WHERE t."deletedAt" IS NULL AND t."createdBy" <> t."responsibleId" AND t."createdAt" <= s."windowEnd"
    ),
    ${violationSpansSql},
    -- Counted per flow and joined by flow, not by task: the planner guesses 200 rows for a DISTINCT
    -- over these CTEs and, at 1,000 flows, compared every task with every violating one (minutes).
    violating AS (
      SELECT t."flowId", count(DISTINCT t.id)::int AS violations
      FROM metric_tasks t JOIN violation_spans s ON s."taskId" = t.id
      WHERE ${violationInWindowSql({ at: Prisma.sql`${now}::timestamptz`, windowStart: Prisma.sql`t."windowStart"`, windowEnd: Prisma.sql`t."windowEnd"` })}
      GROUP BY t."flowId"
    ),
    -- Deferred tasks are not counted, but their violations are (lib/metrics/flow-efficiency.ts).
    efficiency AS (
      SELECT c."flowId", c.total, COALESCE(v.violations, 0) AS violations
      FROM (
        SELECT t."flowId", count(*) FILTER (WHERE t.status NOT IN (${statusSql.deferred}))::int AS total
        FROM metric_tasks t GROUP BY t."flowId"
      ) c
      LEFT JOIN violating v ON v."flowId" = c."flowId"
    ),
    -- Counted from the (flowId, status, responsibleId, deletedAt) index alone.
    counts AS (
      SELECT t."flowId",
        count(*) FILTER (WHERE t.status IN (${statusSql.waiting}))::int AS pending,
        count(*) FILTER (WHERE t.status IN (${statusSql.inProgress}))::int AS "inProgress",
        count(*) FILTER (WHERE t.status IN (${statusSql.awaitingReview}))::int AS "awaitingReview",
        count(*) FILTER (WHERE t.status IN (${statusSql.completed}))::int AS completed,
        count(*) FILTER (WHERE t.status IN (${statusSql.deferred}))::int AS deferred
      FROM task t
      WHERE t."flowId" = ANY(${flowIds}::uuid[]) AND t."deletedAt" IS NULL
      GROUP BY t."flowId"
    ),
    open_risks AS (
      SELECT t."flowId",
        count(*) FILTER (WHERE ${openTaskOverdueSql(now)})::int AS "overdueOpen",
        count(*) FILTER (WHERE ${openTaskAtRiskSql(now)})::int AS "atRisk"
      FROM task t
      WHERE t."flowId" = ANY(${flowIds}::uuid[]) AND t.status IN (${statusSql.open}) AND t."deletedAt" IS NULL
      GROUP BY t."flowId"
    ),
    lead AS (
      SELECT l."flowId", count(*)::int AS "leadCount", avg(l.ms) AS "leadMean",
        percentile_cont(0.5) WITHIN GROUP (ORDER BY l.ms) AS "leadP50",
        percentile_cont(0.85) WITHIN GROUP (ORDER BY l.ms) AS "leadP85",
        percentile_cont(0.95) WITHIN GROUP (ORDER BY l.ms) AS "leadP95"
      FROM (
        SELECT t."flowId", GREATEST(0, extract(epoch FROM t."closedAt" - t."createdAt") * 1000)::float8 AS ms
        FROM task t
        WHERE t."flowId" = ANY(${flowIds}::uuid[]) AND t."closedAt" >= ${leadSince}::timestamptz AND t.status IN (${statusSql.completed}) AND t."deletedAt" IS NULL
      ) l
      GROUP BY l."flowId"
    )
    SELECT s."flowId"::text AS "flowId",
      COALESCE(c.pending, 0) AS pending, COALESCE(c."inProgress", 0) AS "inProgress",
      COALESCE(c."awaitingReview", 0) AS "awaitingReview", COALESCE(c.completed, 0) AS completed,
      COALESCE(c.deferred, 0) AS deferred, COALESCE(r."overdueOpen", 0) AS "overdueOpen", COALESCE(r."atRisk", 0) AS "atRisk",
      -- round(100 × (1 − violations / total)), never below 0, 100 without tasks; float8 and
      -- floor(x + 0.5) round exactly as JavaScript's Math.round does in flowEfficiency.
      CASE WHEN COALESCE(e.total, 0) = 0 THEN 100
        ELSE GREATEST(0, floor(100 * (1 - e.violations::float8 / e.total::float8) + 0.5))::int END AS efficiency,
      COALESCE(e.total, 0) AS total, COALESCE(e.violations, 0) AS violations,
      COALESCE(l."leadCount", 0) AS "leadCount", l."leadMean", l."leadP50", l."leadP85", l."leadP95"
    FROM scope s
    LEFT JOIN counts c ON c."flowId" = s."flowId"
    LEFT JOIN open_risks r ON r."flowId" = s."flowId"
    LEFT JOIN efficiency e ON e."flowId" = s."flowId"
    LEFT JOIN lead l ON l."flowId" = s."flowId"`;
  const byFlow = new Map(
    z
      .array(rowSchema)
      .parse(rows)
      .map((row) => [row.flowId, row]),
  );
  return found.map((flow, index) => {
    const row = byFlow.get(flow.id)!;
    const window = windows[index]!;
    return {
      flowId: flow.id,
      name: flow.name,
      counts: {
        pending: row.pending,
        inProgress: row.inProgress,
        awaitingReview: row.awaitingReview,
        completed: row.completed,
        deferred: row.deferred,
      },
      overdueOpen: row.overdueOpen,
      atRisk: row.atRisk,
      efficiency: {
        value: row.efficiency,
        total: row.total,
        violations: row.violations,
        window: { start: new Date(window.start), end: new Date(window.end) },
        portalValue: flow.portalEfficiency,
      },
      leadTime: {
        count: row.leadCount,
        mean: row.leadMean,
        p50: row.leadP50,
        p85: row.leadP85,
        p95: row.leadP95,
        windowDays,
      },
    };
  });
}
