import { z } from 'zod';
import type { PrismaClient } from '@/lib/db/client';
import type { ForecastTask } from './efficiency-forecast';
import { efficiencyTaskOf, efficiencyWindow } from './flow-efficiency';
import { groupByFlow } from './group-by-flow';
import { metricTaskFromMirror, mirroredTaskWithChangesSchema, taskChangesJsonSql } from './mirrored-metric-task';

const taskRowSchema = mirroredTaskWithChangesSchema.extend({ flowId: z.string() });

/**
 * The tasks the efficiency rule can see at `now` for each flow, with their history, by flow id:
 * open, or closed since the start of the flow's window (every task created in the last 30 days is
 * among them), creator not the assignee, not deleted. One statement for any number of flows.
 */
export async function mirroredEfficiencyTasks(
  db: PrismaClient,
  flows: readonly { id: string; timeZoneOffset: string }[],
  now: Date,
): Promise<Map<string, ForecastTask[]>> {
  if (flows.length === 0) return new Map();
  const starts = flows.map((flow) =>
    new Date(efficiencyWindow(now.getTime(), flow.timeZoneOffset).start).toISOString(),
  );
  const rows = await db.$queryRaw<unknown[]>`
    WITH scope AS (
      SELECT * FROM unnest(${flows.map((flow) => flow.id)}::uuid[], ${starts}::timestamptz[]) AS s("flowId", "windowStart")
    )
    SELECT t."flowId"::text AS "flowId", t."bitrixTaskId", t.status::int AS status, t."createdBy", t."responsibleId",
      t."createdAt", t."startedAt", t."closedAt", t.deadline,
      ${taskChangesJsonSql()} AS changes
    FROM scope s
    -- Open and recently closed tasks through the (flowId, closedAt) index, as the flows list reads them.
    CROSS JOIN LATERAL (
      SELECT * FROM task t WHERE t."flowId" = s."flowId" AND t."closedAt" IS NULL
      UNION ALL
      SELECT * FROM task t WHERE t."flowId" = s."flowId" AND t."closedAt" >= s."windowStart"
    ) t
    WHERE t."deletedAt" IS NULL AND t."createdBy" <> t."responsibleId" AND t."createdAt" <= ${now}`;
  const byFlow = groupByFlow(z.array(taskRowSchema).parse(rows));
  return new Map(
    flows.map((flow) => [
      flow.id,
      (byFlow.get(flow.id) ?? []).map((row) => ({
        ...efficiencyTaskOf(metricTaskFromMirror(row, row.changes)),
        id: row.bitrixTaskId,
      })),
    ]),
  );
}
