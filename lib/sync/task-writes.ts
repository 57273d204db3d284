import type { Prisma } from '@/lib/db/generated/client';
import type { MirroredTask } from './mirrored-task';

type Db = Prisma.TransactionClient;

/**
 * Writes a page of portal tasks into the mirror in one statement: new tasks are added, known
 * ones updated (and undeleted), each linked to its mirrored flow when the flow is known. Where a
 * known task's status, deadline or assignee differs from its mirrored copy, the difference is
 * kept as an observed change, so moves are on record even for tasks whose history is not read.
 *
 * A sync page and an event batch (on another instance) may read the same task at different
 * times and write it in either order. A copy older than the mirrored one (an earlier
 * `changedAt`; Bitrix24 stamps every update, docs/bitrix24.md) or read before the task was marked
 * deleted (`readAt`, when the page was requested) is stale: it changes nothing but `syncedAt`,
 * which tells the full sync's deletions phase that the portal still has the task.
 */
export async function upsertTasks(db: Db, portalId: string, tasks: MirroredTask[], readAt: Date): Promise<void> {
  if (tasks.length === 0) return;
  await db.$executeRaw`
    WITH page AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(tasks)}::jsonb) AS i(
        "bitrixTaskId" int, "bitrixFlowId" int, title text, "descriptionLength" int, status smallint, "createdBy" int,
        "responsibleId" int, "groupId" int, "createdAt" timestamptz, "changedAt" timestamptz, "statusChangedAt" timestamptz,
        "startedAt" timestamptz, deadline timestamptz, "closedAt" timestamptz, "taskControl" boolean, "commentsCount" int, raw jsonb)
    ),
    stale AS (
      SELECT t."bitrixTaskId"
      FROM page i
      JOIN task t ON t."portalId" = ${portalId}::uuid AND t."bitrixTaskId" = i."bitrixTaskId"
      WHERE t."changedAt" > i."changedAt" OR t."deletedAt" >= ${readAt}
    ),
    seen AS (
      UPDATE task SET "syncedAt" = now()
      WHERE "portalId" = ${portalId}::uuid AND "bitrixTaskId" IN (SELECT "bitrixTaskId" FROM stale)
    ),
    incoming AS (
      SELECT * FROM page WHERE "bitrixTaskId" NOT IN (SELECT "bitrixTaskId" FROM stale)
    ),
    observed AS (
      INSERT INTO task_change ("portalId", "bitrixTaskId", field, "fromValue", "toValue", "changedAt", source)
      SELECT t."portalId", t."bitrixTaskId", c.field::"TaskChangeField", c.from_value, c.to_value, c.changed_at, 'observed'
      FROM incoming i
      JOIN task t ON t."portalId" = ${portalId}::uuid AND t."bitrixTaskId" = i."bitrixTaskId"
      CROSS JOIN LATERAL (VALUES
        ('status', t.status::text, i.status::text, coalesce(i."statusChangedAt", i."changedAt")),
        ('deadline',
          to_char(t.deadline AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
          to_char(i.deadline AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
          i."changedAt"),
        ('responsible', t."responsibleId"::text, i."responsibleId"::text, i."changedAt")
      ) AS c(field, from_value, to_value, changed_at)
      WHERE c.from_value IS DISTINCT FROM c.to_value
    )
    INSERT INTO task (
      "portalId", "flowId", "bitrixTaskId", "bitrixFlowId", title, "descriptionLength", status, "createdBy", "responsibleId",
      "groupId", "createdAt", "changedAt", "statusChangedAt", "startedAt", deadline, "closedAt", "taskControl",
      "commentsCount", raw, "deletedAt", "syncedAt")
    SELECT ${portalId}::uuid, f.id, i."bitrixTaskId", i."bitrixFlowId", i.title, i."descriptionLength", i.status, i."createdBy",
      i."responsibleId", i."groupId", i."createdAt", i."changedAt", i."statusChangedAt", i."startedAt", i.deadline, i."closedAt",
      i."taskControl", i."commentsCount", i.raw, NULL, now()
    FROM incoming i
    LEFT JOIN flow f ON f."portalId" = ${portalId}::uuid AND f."bitrixFlowId" = i."bitrixFlowId"
    ON CONFLICT ("portalId", "bitrixTaskId") DO UPDATE SET
      "flowId" = excluded."flowId", "bitrixFlowId" = excluded."bitrixFlowId", title = excluded.title,
      "descriptionLength" = excluded."descriptionLength", status = excluded.status, "createdBy" = excluded."createdBy",
      "responsibleId" = excluded."responsibleId", "groupId" = excluded."groupId", "createdAt" = excluded."createdAt",
      "changedAt" = excluded."changedAt", "statusChangedAt" = excluded."statusChangedAt", "startedAt" = excluded."startedAt",
      deadline = excluded.deadline, "closedAt" = excluded."closedAt", "taskControl" = excluded."taskControl",
      "commentsCount" = excluded."commentsCount", raw = excluded.raw, "deletedAt" = NULL, "syncedAt" = now()`;
}

/** Marks tasks the portal no longer has; they stay for past figures but leave every current one. */
export async function markTasksDeleted(db: Db, portalId: string, bitrixTaskIds: number[]): Promise<number> {
  if (bitrixTaskIds.length === 0) return 0;
  return db.$executeRaw`
    UPDATE task SET "deletedAt" = now()
    WHERE "portalId" = ${portalId}::uuid AND "bitrixTaskId" = ANY(${bitrixTaskIds}::int[]) AND "deletedAt" IS NULL`;
}

/**
 * After an id-range scan: the mirrored tasks in (afterId, throughId] that the portal did not
 * return are gone from the portal.
 */
export async function markMissingInRange(
  db: Db,
  portalId: string,
  range: { afterId: number; throughId: number },
  presentIds: number[],
): Promise<number> {
  return db.$executeRaw`
    UPDATE task SET "deletedAt" = now()
    WHERE "portalId" = ${portalId}::uuid AND "deletedAt" IS NULL
      AND "bitrixTaskId" > ${range.afterId} AND "bitrixTaskId" <= ${range.throughId}
      AND NOT ("bitrixTaskId" = ANY(${presentIds}::int[]))`;
}

/** Links tasks to flows that were mirrored after the tasks were. */
export async function linkTasksToFlows(db: Db, portalId: string): Promise<number> {
  return db.$executeRaw`
    UPDATE task t SET "flowId" = f.id
    FROM flow f
    WHERE t."portalId" = ${portalId}::uuid AND f."portalId" = t."portalId" AND f."bitrixFlowId" = t."bitrixFlowId"
      AND t."flowId" IS DISTINCT FROM f.id`;
}
