import type pg from 'pg';

/**
 * A large mirror for benchmarks, made inside Postgres with INSERT … SELECT generate_series (a
 * million tasks in seconds): one portal (+03:00), `flows` flows with six members each, `tasks`
 * tasks spread evenly over the flows and created over the last two years. Older tasks are mostly
 * completed (some declined, deferred or deleted); recent ones pending or in progress; 90 % have a
 * deadline three days after creation, 5 % were created by their own assignee. One task in twenty
 * had its deadline moved a day after creation; one in ten has a status history. setseed makes
 * the same data every run (on the same connection).
 */
export async function fillSyntheticMirror(
  client: pg.Client,
  size: { flows: number; tasks: number },
): Promise<{ portalId: string }> {
  await client.query('SELECT setseed(0.42)');
  const portal = await client.query<{ id: string }>(
    `INSERT INTO portal ("memberId", domain, kind, "timeZoneOffset") VALUES ('bench', 'bench.bitrix24.ru', 'demo', '+03:00') RETURNING id`,
  );
  const portalId = portal.rows[0]!.id;
  await client.query(
    `INSERT INTO flow ("portalId", "bitrixFlowId", name, "portalEfficiency", "plannedCompletionTime")
     SELECT $1, g, 'Flow ' || g, (50 + random() * 50)::int, 259200 FROM generate_series(1, $2::int) g`,
    [portalId, size.flows],
  );
  await client.query(
    `INSERT INTO flow_member ("flowId", "bitrixUserId", role)
     SELECT f.id, 10000 + (f."bitrixFlowId" - 1) * 10 + k, 'member' FROM flow f, generate_series(0, 5) k WHERE f."portalId" = $1`,
    [portalId],
  );
  await client.query(
    `WITH flows AS (
       SELECT id, "bitrixFlowId", "bitrixFlowId" - 1 AS n FROM flow WHERE "portalId" = $1
     ),
     drawn AS (
       SELECT g, now() - random() * interval '730 days' AS created, random() AS r_status,
         random() ^ 2 * interval '5 days' AS wait, random() ^ 2 * interval '6 days' AS work,
         random() AS r_deadline, random() AS r_self, random() AS r_deleted
       FROM generate_series(1, $2::int) g
     ),
     shaped AS (
       SELECT d.*, f.id AS "flowId", f."bitrixFlowId", 10000 + f.n * 10 + (d.g / $3::int) % 6 AS responsible,
         CASE
           WHEN d.created + d.wait + d.work < now() AND d.r_status < 0.90 THEN 5
           WHEN d.created + d.wait + d.work < now() AND d.r_status < 0.95 THEN 7
           WHEN d.created + d.wait + d.work < now() THEN 6
           WHEN d.created + d.wait < now() THEN CASE WHEN d.r_status < 0.2 THEN 4 ELSE 3 END
           ELSE 2
         END AS status
       FROM drawn d JOIN flows f ON f.n = d.g % $3::int
     )
     INSERT INTO task ("portalId", "bitrixTaskId", "flowId", "bitrixFlowId", title, status, "createdBy", "responsibleId",
       "createdAt", "changedAt", "startedAt", "closedAt", deadline, raw, "deletedAt")
     SELECT $1, g, "flowId", "bitrixFlowId", 'Task ' || g, status,
       CASE WHEN r_self < 0.05 THEN responsible ELSE 1 END, responsible,
       created, created, CASE WHEN status IN (3, 4, 5, 7) THEN created + wait END,
       CASE WHEN status IN (5, 7) THEN created + wait + work END,
       CASE WHEN r_deadline < 0.9 THEN created + interval '3 days' END, '{}', CASE WHEN r_deleted < 0.005 THEN now() END
     FROM shaped`,
    [portalId, size.tasks, size.flows],
  );
  await client.query(
    `INSERT INTO task_change ("portalId", "bitrixTaskId", field, "fromValue", "toValue", "changedAt", source)
     SELECT "portalId", "bitrixTaskId", 'deadline',
       to_char((deadline - interval '2 days') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
       to_char(deadline AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), "createdAt" + interval '1 day', 'history'
     FROM task WHERE "portalId" = $1 AND deadline IS NOT NULL AND "bitrixTaskId" % 20 = 0 AND "createdAt" + interval '1 day' < now()`,
    [portalId],
  );
  await client.query(
    `INSERT INTO task_change ("portalId", "bitrixTaskId", field, "fromValue", "toValue", "changedAt", source)
     SELECT "portalId", "bitrixTaskId", 'status'::"TaskChangeField", '2', '3', "startedAt", 'history'::"TaskChangeSource"
     FROM task WHERE "portalId" = $1 AND "bitrixTaskId" % 10 = 1 AND "startedAt" IS NOT NULL
     UNION ALL
     SELECT "portalId", "bitrixTaskId", 'status', '3', status::text, "closedAt", 'history'
     FROM task WHERE "portalId" = $1 AND "bitrixTaskId" % 10 = 1 AND "closedAt" IS NOT NULL`,
    [portalId],
  );
  await client.query('VACUUM ANALYZE');
  return { portalId };
}
