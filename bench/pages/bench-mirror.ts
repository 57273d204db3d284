import { z } from 'zod';
import { openTaskStatuses } from '../../lib/bitrix24/task-status';
import { withPgClient } from '../../lib/db/with-pg-client';

/**
 * What a full sync leaves beside the mirror and bench/synthetic-mirror.ts does not make: an
 * employee for every member, assignee and creator (the pages show names), an owner (also as
 * the flow's ownerId) and a moderator per flow (members k=0 and k=1), and a succeeded full sync
 * (pages may say when data was last synced).
 */
export async function completeMirror(databaseUrl: string, portalId: string): Promise<void> {
  await withPgClient(databaseUrl, async (client) => {
    await client.query(
      `UPDATE flow_member m SET role = CASE (m."bitrixUserId" - 10000) % 10 WHEN 0 THEN 'owner' ELSE 'moderator' END::"FlowMemberRole"
       FROM flow f WHERE f.id = m."flowId" AND f."portalId" = $1 AND (m."bitrixUserId" - 10000) % 10 IN (0, 1)`,
      [portalId],
    );
    await client.query(`UPDATE flow SET "ownerId" = 10000 + ("bitrixFlowId" - 1) * 10 WHERE "portalId" = $1`, [
      portalId,
    ]);
    await client.query(
      `INSERT INTO employee ("portalId", "bitrixUserId", name, "lastName")
       SELECT $1, id, 'Employee', id::text FROM (
         SELECT m."bitrixUserId" AS id FROM flow_member m JOIN flow f ON f.id = m."flowId" WHERE f."portalId" = $1
         UNION SELECT "createdBy" FROM task WHERE "portalId" = $1
         UNION SELECT "responsibleId" FROM task WHERE "portalId" = $1
       ) people ON CONFLICT DO NOTHING`,
      [portalId],
    );
    await client.query(
      `INSERT INTO sync_run ("portalId", kind, state, phase, "startedAt", "heartbeatAt", "finishedAt")
       VALUES ($1, 'full', 'succeeded', 'done', now() - interval '1 hour', now(), now())`,
      [portalId],
    );
  });
}

/** The flow with the most open tasks (then the most tasks): the busiest flow page. */
export async function busiestFlow(
  databaseUrl: string,
  portalId: string,
): Promise<{ id: string; name: string; open: number; tasks: number }> {
  const rows = await withPgClient(databaseUrl, (client) =>
    client.query(
      `SELECT f.id, f.name, count(*) FILTER (WHERE t.status IN (${openTaskStatuses.join(', ')})) AS open, count(*) AS tasks
       FROM task t JOIN flow f ON f.id = t."flowId"
       WHERE t."portalId" = $1 AND t."deletedAt" IS NULL
       GROUP BY f.id, f.name ORDER BY open DESC, tasks DESC, f.id LIMIT 1`,
      [portalId],
    ),
  );
  return z
    .object({ id: z.uuid(), name: z.string(), open: z.coerce.number(), tasks: z.coerce.number() })
    .parse(rows.rows[0]);
}
