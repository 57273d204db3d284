import { z } from 'zod';
import { flowUrl } from '@/lib/bitrix24/portal-links';
import type { PrismaClient } from '@/lib/db/client';
import type { Prisma } from '@/lib/db/generated/client';
import { efficiencyWindow } from '@/lib/metrics/flow-efficiency';
import { dayMs } from '@/lib/metrics/metric-query-options';
import type { FlowListRow, FlowsList } from './dashboard-types';
import { efficiencyBand } from './efficiency-band';
import { peopleOf } from './people';
import { efficiencyPortalWindow } from './portal-window';

const openRowSchema = z.object({
  flowId: z.string(),
  pending: z.number(),
  medianWaitMs: z.number().nullable(),
  inProgress: z.number(),
  inProgressMedianMs: z.number().nullable(),
  awaitingReview: z.number(),
  overdue: z.number(),
  atRisk: z.number(),
  completed: z.number(),
});
const figureRowSchema = z.object({ flowId: z.string(), day: z.string(), efficiency: z.number() });

const shiftDay = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10);

/**
 * The flows list: one row per flow the caller may see (`flows` is the caller's access filter,
 * e.g. visibleFlowsWhere), by name. Counts and waits are live from the open tasks; efficiency,
 * its sparkline and its change come from the daily figures (flow_daily_figure), so the list stays
 * fast at 1,000 flows and a million tasks. Every figure shares the portal's 30-day window.
 */
export async function flowsList(db: PrismaClient, flows: Prisma.FlowWhereInput, options: { now?: Date } = {}): Promise<FlowsList> {
  const now = (options.now ?? new Date()).getTime();
  const found = await db.flow.findMany({
    where: flows,
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    select: {
      id: true,
      portalId: true,
      bitrixFlowId: true,
      name: true,
      active: true,
      distributionType: true,
      portalEfficiency: true,
      ownerId: true,
      portal: { select: { domain: true, timeZoneOffset: true } },
      members: { where: { role: { in: ['owner', 'moderator'] } }, select: { bitrixUserId: true, role: true }, orderBy: { bitrixUserId: 'asc' } },
    },
  });
  const offset = found[0]?.portal.timeZoneOffset ?? '+00:00';
  const listWindow = efficiencyPortalWindow(now, offset);
  if (found.length === 0) return { window: listWindow, rows: [] };

  const windows = found.map((flow) => efficiencyWindow(now, flow.portal.timeZoneOffset));
  const flowIds = found.map((flow) => flow.id);
  const at = new Date(now).toISOString();
  const [openRows, figureRows, person] = await Promise.all([
    db.$queryRaw<unknown[]>`
      WITH scope AS (
        SELECT * FROM unnest(${flowIds}::uuid[], ${windows.map((window) => new Date(window.start).toISOString())}::timestamptz[]) AS s("flowId", "windowStart")
      ),
      -- Open tasks through the (flowId, status, …) index: a small part of a large mirror.
      open AS (
        SELECT t."flowId",
          count(*) FILTER (WHERE t.status IN (1, 2))::int AS pending,
          percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM ${at}::timestamptz - t."createdAt") * 1000) FILTER (WHERE t.status IN (1, 2)) AS "medianWaitMs",
          count(*) FILTER (WHERE t.status = 3)::int AS "inProgress",
          percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM ${at}::timestamptz - COALESCE(t."startedAt", t."createdAt")) * 1000) FILTER (WHERE t.status = 3) AS "inProgressMedianMs",
          count(*) FILTER (WHERE t.status = 4)::int AS "awaitingReview",
          -- isOverdue for open tasks: a close date (set on review) decides, else now.
          count(*) FILTER (WHERE t.deadline IS NOT NULL
            AND CASE WHEN t."closedAt" IS NOT NULL THEN t."closedAt" > t.deadline ELSE ${at}::timestamptz > t.deadline END)::int AS overdue,
          -- isAtRisk: not late yet, 80 % of the time to the deadline gone.
          count(*) FILTER (WHERE t.deadline IS NOT NULL AND ${at}::timestamptz <= t.deadline AND t.deadline > t."createdAt"
            AND extract(epoch FROM ${at}::timestamptz - t."createdAt")::float8 / extract(epoch FROM t.deadline - t."createdAt")::float8 >= 0.8)::int AS "atRisk"
        FROM task t
        WHERE t."flowId" = ANY(${flowIds}::uuid[]) AND t.status IN (1, 2, 3, 4) AND t."deletedAt" IS NULL
        GROUP BY t."flowId"
      ),
      -- Completed in the window, through the (flowId, closedAt) index.
      done AS (
        SELECT s."flowId", count(t.id)::int AS completed
        FROM scope s JOIN task t ON t."flowId" = s."flowId" AND t."closedAt" >= s."windowStart" AND t."closedAt" <= ${at}::timestamptz
        WHERE t.status = 5 AND t."deletedAt" IS NULL
        GROUP BY s."flowId"
      )
      SELECT s."flowId"::text AS "flowId",
        COALESCE(o.pending, 0) AS pending, o."medianWaitMs", COALESCE(o."inProgress", 0) AS "inProgress", o."inProgressMedianMs",
        COALESCE(o."awaitingReview", 0) AS "awaitingReview", COALESCE(o.overdue, 0) AS overdue, COALESCE(o."atRisk", 0) AS "atRisk",
        COALESCE(d.completed, 0) AS completed
      FROM scope s LEFT JOIN open o ON o."flowId" = s."flowId" LEFT JOIN done d ON d."flowId" = s."flowId"`,
    // Today's figure and the 30 before it: the value, its sparkline and the previous window's value.
    db.$queryRaw<unknown[]>`
      SELECT "flowId"::text AS "flowId", to_char(day, 'YYYY-MM-DD') AS day, efficiency
      FROM flow_daily_figure
      WHERE "flowId" = ANY(${flowIds}::uuid[]) AND day BETWEEN ${shiftDay(listWindow.to, -30)}::date AND ${listWindow.to}::date
      ORDER BY "flowId", day`,
    peopleOf(
      db,
      found.flatMap((flow) => [
        ...(flow.ownerId === null ? [] : [{ portalId: flow.portalId, bitrixUserId: flow.ownerId }]),
        ...flow.members.map((member) => ({ portalId: flow.portalId, bitrixUserId: member.bitrixUserId })),
      ]),
    ),
  ]);

  const open = new Map(z.array(openRowSchema).parse(openRows).map((row) => [row.flowId, row]));
  const figures = new Map<string, { day: string; efficiency: number }[]>();
  for (const row of z.array(figureRowSchema).parse(figureRows)) {
    const list = figures.get(row.flowId) ?? [];
    list.push({ day: row.day, efficiency: row.efficiency });
    figures.set(row.flowId, list);
  }

  const rows = found.map((flow): FlowListRow => {
    const counts = open.get(flow.id)!;
    const days = figures.get(flow.id) ?? [];
    // The latest rolled-up day stands for today until the hourly roll-up writes today's row.
    const latest = days.at(-1) ?? null;
    const previousDay = latest ? shiftDay(latest.day, -30) : null;
    const previous = days.find((figure) => figure.day === previousDay)?.efficiency ?? null;
    const value = latest?.efficiency ?? null;
    const ownerId = flow.ownerId ?? flow.members.find((member) => member.role === 'owner')?.bitrixUserId ?? null;
    return {
      id: flow.id,
      bitrixFlowId: flow.bitrixFlowId,
      name: flow.name,
      active: flow.active,
      distributionType: flow.distributionType,
      owner: ownerId === null ? null : person(flow.portalId, ownerId),
      // An owner who also distributes the tasks is shown once, as the owner.
      moderators: flow.members.filter((member) => member.role === 'moderator' && member.bitrixUserId !== ownerId).map((member) => person(flow.portalId, member.bitrixUserId)),
      pending: { count: counts.pending, medianWaitMs: counts.medianWaitMs },
      inProgress: { count: counts.inProgress, medianMs: counts.inProgressMedianMs },
      awaitingReview: counts.awaitingReview,
      completed: counts.completed,
      overdue: counts.overdue,
      atRisk: counts.atRisk,
      efficiency: {
        value,
        previous,
        change: value !== null && previous !== null ? value - previous : null,
        band: value === null ? null : efficiencyBand(value),
        portalValue: flow.portalEfficiency,
        differs: value !== null && flow.portalEfficiency !== null && value !== flow.portalEfficiency,
        sparkline: days.filter((figure) => figure.day > shiftDay(listWindow.to, -30)),
      },
      bitrixUrl: flowUrl(flow.portal.domain, flow.bitrixFlowId, ownerId),
    };
  });
  return { window: listWindow, rows };
}
