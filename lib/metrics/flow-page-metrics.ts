import { z } from 'zod';
import type { PrismaClient } from '@/lib/db/client';
import type { TeamLoad } from './assignee-load';
import type { AgingBand } from './status-series';
import { metricQueryOptionsSchema, type MetricQueryOptions } from './metric-query-options';
import { dayMs } from '@/lib/time/durations';
import type { Distribution } from './percentiles';
import { openTaskOverdueSql } from './open-task-risk-sql';
import { statusSql } from './task-status-sql';

/** The figures of one flow's page beyond its card: where the time goes, who carries the load, what is aging. */
export type FlowPageMetrics = {
  windowDays: number;
  /** Milliseconds; see timePending, timeInProgress and leadTime in task-times.ts. */
  timePending: Distribution;
  timeInProgress: Distribution;
  leadTime: Distribution;
  load: TeamLoad;
  /** Open tasks, oldest first, banded against the lead-time percentiles above. */
  aging: {
    taskId: number;
    title: string;
    status: number;
    responsibleId: number;
    ageMs: number;
    band: AgingBand;
    overdue: boolean;
  }[];
};

const distributionRowSchema = z.object({
  kind: z.enum(['pending', 'inProgress', 'lead']),
  count: z.number(),
  mean: z.number().nullable(),
  p50: z.number().nullable(),
  p85: z.number().nullable(),
  p95: z.number().nullable(),
});
const loadRowSchema = z.object({
  responsibleId: z.number(),
  open: z.number(),
  overdue: z.number(),
  medianOpen: z.number(),
  medianOverdue: z.number(),
});
const agingRowSchema = z.object({
  taskId: z.number(),
  title: z.string(),
  status: z.number(),
  responsibleId: z.number(),
  ageMs: z.number(),
  band: z.enum(['below-p50', 'p50-p85', 'p85-p95', 'above-p95']),
  overdue: z.boolean(),
});

const none: Distribution = { count: 0, mean: null, p50: null, p85: null, p95: null };

/**
 * One flow's page figures over the last `windowDays` (default 30): time pending of tasks taken
 * into work in the window or still waiting, time in progress and lead time of tasks closed in it;
 * open and overdue work per assignee (team = the flow's members) with the team medians; and the
 * open tasks' ages against the lead-time percentiles. The caller checks the viewer may see the flow.
 */
export async function flowPageMetrics(
  db: PrismaClient,
  flowId: string,
  options: MetricQueryOptions = {},
): Promise<FlowPageMetrics> {
  const id = z.uuid().parse(flowId);
  const { now, windowDays } = metricQueryOptionsSchema.parse(options);
  const since = new Date(now.getTime() - windowDays * dayMs);

  const [distributionRows, loadRows] = await Promise.all([
    db.$queryRaw<unknown[]>`
      WITH times AS (
        SELECT 'pending' AS kind, GREATEST(0, extract(epoch FROM COALESCE(t."startedAt", ${now}::timestamptz) - t."createdAt") * 1000)::float8 AS ms
        FROM task t
        WHERE t."flowId" = ${id}::uuid AND t."deletedAt" IS NULL AND t.status NOT IN (6, 7)
          AND (t."startedAt" IS NOT NULL OR t."closedAt" IS NULL) AND COALESCE(t."startedAt", ${now}::timestamptz) >= ${since}::timestamptz
        UNION ALL
        SELECT 'inProgress', GREATEST(0, extract(epoch FROM t."closedAt" - t."startedAt") * 1000)::float8
        FROM task t
        WHERE t."flowId" = ${id}::uuid AND t."deletedAt" IS NULL AND t."startedAt" IS NOT NULL AND t."closedAt" >= ${since}::timestamptz
        UNION ALL
        SELECT 'lead', GREATEST(0, extract(epoch FROM t."closedAt" - t."createdAt") * 1000)::float8
        FROM task t
        WHERE t."flowId" = ${id}::uuid AND t."deletedAt" IS NULL AND t.status IN (${statusSql.completed}) AND t."closedAt" >= ${since}::timestamptz
      )
      SELECT kind, count(*)::int AS count, avg(ms) AS mean,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS p50,
        percentile_cont(0.85) WITHIN GROUP (ORDER BY ms) AS p85,
        percentile_cont(0.95) WITHIN GROUP (ORDER BY ms) AS p95
      FROM times GROUP BY kind`,
    db.$queryRaw<unknown[]>`
      WITH open AS (
        SELECT t."responsibleId",
          ${openTaskOverdueSql(now)} AS overdue
        FROM task t
        WHERE t."flowId" = ${id}::uuid AND t."deletedAt" IS NULL AND t.status IN (${statusSql.open})
      ),
      -- Members with nothing open belong to the team too: they pull the median down, as they should.
      team AS (
        SELECT "responsibleId" AS "bitrixUserId" FROM open
        UNION
        SELECT "bitrixUserId" FROM flow_member WHERE "flowId" = ${id}::uuid AND role = 'member'
      ),
      load AS (
        SELECT m."bitrixUserId" AS "responsibleId", count(o."responsibleId")::int AS open, count(*) FILTER (WHERE o.overdue)::int AS overdue
        FROM team m LEFT JOIN open o ON o."responsibleId" = m."bitrixUserId"
        GROUP BY m."bitrixUserId"
      ),
      medians AS (
        SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY open) AS "medianOpen", percentile_cont(0.5) WITHIN GROUP (ORDER BY overdue) AS "medianOverdue"
        FROM load
      )
      SELECT l.*, m."medianOpen", m."medianOverdue" FROM load l CROSS JOIN medians m ORDER BY l."responsibleId"`,
  ]);

  const distributions = new Map(
    z
      .array(distributionRowSchema)
      .parse(distributionRows)
      .map(({ kind, ...row }) => [kind, row]),
  );
  const leadTime = distributions.get('lead') ?? none;
  const load = z.array(loadRowSchema).parse(loadRows);

  const agingRows = await db.$queryRaw<unknown[]>`
    SELECT t."bitrixTaskId" AS "taskId", t.title, t.status, t."responsibleId", a."ageMs",
      CASE
        WHEN ${leadTime.p95}::float8 IS NOT NULL AND a."ageMs" > ${leadTime.p95}::float8 THEN 'above-p95'
        WHEN ${leadTime.p85}::float8 IS NOT NULL AND a."ageMs" > ${leadTime.p85}::float8 THEN 'p85-p95'
        WHEN ${leadTime.p50}::float8 IS NOT NULL AND a."ageMs" > ${leadTime.p50}::float8 THEN 'p50-p85'
        ELSE 'below-p50'
      END AS band,
      ${openTaskOverdueSql(now)} AS overdue
    FROM task t
    CROSS JOIN LATERAL (SELECT (extract(epoch FROM ${now}::timestamptz - t."createdAt") * 1000)::float8 AS "ageMs") a
    WHERE t."flowId" = ${id}::uuid AND t."deletedAt" IS NULL AND t.status IN (${statusSql.open})
    ORDER BY a."ageMs" DESC, t."bitrixTaskId"`;

  return {
    windowDays,
    timePending: distributions.get('pending') ?? none,
    timeInProgress: distributions.get('inProgress') ?? none,
    leadTime,
    load: {
      assignees: load.map(({ responsibleId, open, overdue }) => ({ responsibleId, open, overdue })),
      medianOpen: load[0]?.medianOpen ?? 0,
      medianOverdue: load[0]?.medianOverdue ?? 0,
    },
    aging: z.array(agingRowSchema).parse(agingRows),
  };
}
