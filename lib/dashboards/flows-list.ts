import { z } from 'zod';
import { flowUrl } from '@/lib/bitrix24/portal-links';
import type { PrismaClient } from '@/lib/db/client';
import { Prisma } from '@/lib/db/generated/client';
import { listFigureDays, readListFigures, type ListFigures } from '@/lib/metrics/flow-list-figures';
import { portalEfficiencyDiffers } from '@/lib/metrics/portal-efficiency-check';
import { portalDay, shiftDay } from '@/lib/metrics/portal-days';
import { dayMs } from '@/lib/time/durations';
import type { FlowListRow, FlowsList } from './dashboard-types';
import { efficiencyBand } from './efficiency-band';
import { personOf } from '@/lib/people/people-of';
import { periodWindow } from './portal-window';
import { openTaskAtRiskSql, openTaskOverdueSql } from '@/lib/metrics/open-task-risk-sql';
import { statusSql } from '@/lib/metrics/task-status-sql';

const employeeSchema = z.object({ name: z.string(), lastName: z.string(), photoUrl: z.string().nullable() }).nullable();
const flowRowSchema = z.object({
  id: z.string(),
  bitrixFlowId: z.number(),
  name: z.string(),
  active: z.boolean(),
  distributionType: z.enum(['manually', 'queue', 'himself']),
  portalEfficiency: z.number().nullable(),
  activityAt: z.number().nullable(),
  ownerId: z.number().nullable(),
  owner: employeeSchema,
  domain: z.string(),
  timeZoneOffset: z.string(),
  /** Owners and moderators among the members, by user id. */
  members: z.array(
    z.object({ bitrixUserId: z.number(), role: z.enum(['owner', 'moderator']), employee: employeeSchema }),
  ),
  pending: z.number(),
  medianWaitMs: z.number().nullable(),
  inProgress: z.number(),
  inProgressMedianMs: z.number().nullable(),
  awaitingReview: z.number(),
  overdue: z.number(),
  atRisk: z.number(),
});

/** A mirrored employee row (joined as `alias`) as employeeSchema reads it; null when none joined. */
const employeeJson = (alias: 'e' | 'owner') =>
  Prisma.raw(`CASE WHEN ${alias}."bitrixUserId" IS NULL THEN NULL
    ELSE json_build_object('name', ${alias}.name, 'lastName', ${alias}."lastName", 'photoUrl', ${alias}."photoUrl") END`);

/** A flow's daily figures of the days the list reads (31 days before today up to today): each day's offset from the first (0 … 31) and efficiency, and the window's completions. */
type WindowFigures = { offsets: number[]; efficiencies: number[]; completed: number };

/**
 * The stored days that fall in the list's window, with their offsets from its first day read
 * (`firstDay`, 31 days before today), as the daily figures would give them: the roll-up writes
 * both in one transaction, and no figure is newer than the stored `lastDay`.
 */
function windowFigures(stored: ListFigures, firstDay: string): WindowFigures {
  // The stored arrays start listFigureDays − 1 days before lastDay.
  const shift = (Date.parse(stored.lastDay) - Date.parse(firstDay)) / dayMs - (listFigureDays - 1);
  const figures: WindowFigures = { offsets: [], efficiencies: [], completed: 0 };
  stored.efficiencies.forEach((efficiency, index) => {
    const offset = index + shift;
    if (efficiency === null || offset < 0 || offset > 31) return;
    figures.offsets.push(offset);
    figures.efficiencies.push(efficiency);
    // The window's 30 days start at offset 2.
    if (offset >= 2) figures.completed += stored.completions[index] ?? 0;
  });
  return figures;
}

/**
 * The flows list: one row per flow the caller may see (`flows` is the caller's access filter,
 * e.g. visibleFlowsWhere), by name. Counts and waits are live from the open tasks; completions,
 * efficiency, its sparkline and its change, the open tasks likely late and the forecast come from
 * the roll-up's one row per flow (flow-list-figures.ts), so the list never reads closed tasks or
 * a month of daily figures, and stays fast at 1,000 flows and a million tasks. Every figure shares
 * one window, the last 30 portal days (the first portal's days, where flows span portals);
 * efficiency is the portal's rule over its own 30 days; what lies ahead is as of the roll-up.
 */
export async function flowsList(
  db: PrismaClient,
  flows: Prisma.FlowWhereInput,
  options: { now?: Date } = {},
): Promise<FlowsList> {
  const now = (options.now ?? new Date()).getTime();
  // The access filter picks the flows; everything else is read by id.
  const flowIds = (await db.flow.findMany({ where: flows, select: { id: true } })).map((flow) => flow.id);
  if (flowIds.length === 0) return { window: periodWindow(now, 30, '+00:00'), rows: [] };
  const at = new Date(now).toISOString();
  const [[{ rows }], stored] = await Promise.all([
    // The flows with their portal, owner and moderators (named from the mirrored employees), and
    // their open tasks through the (flowId, status, …) index: a small part of a large mirror. One
    // JSON text, by name: a thousand flows read several times faster so than as rows of values.
    db.$queryRaw<[{ rows: string }]>`
      WITH open AS (
        SELECT t."flowId",
          count(*) FILTER (WHERE t.status IN (${statusSql.waiting}))::int AS pending,
          percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM ${at}::timestamptz - t."createdAt") * 1000) FILTER (WHERE t.status IN (${statusSql.waiting})) AS "medianWaitMs",
          count(*) FILTER (WHERE t.status IN (${statusSql.inProgress}))::int AS "inProgress",
          percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM ${at}::timestamptz - COALESCE(t."startedAt", t."createdAt")) * 1000) FILTER (WHERE t.status IN (${statusSql.inProgress})) AS "inProgressMedianMs",
          count(*) FILTER (WHERE t.status IN (${statusSql.awaitingReview}))::int AS "awaitingReview",
          count(*) FILTER (WHERE ${openTaskOverdueSql(at)})::int AS overdue,
          count(*) FILTER (WHERE ${openTaskAtRiskSql(at)})::int AS "atRisk"
        FROM task t
        WHERE t."flowId" = ANY(${flowIds}::uuid[]) AND t.status IN (${statusSql.open}) AND t."deletedAt" IS NULL
        GROUP BY t."flowId"
      ),
      leads AS (
        SELECT m."flowId", json_agg(json_build_object('bitrixUserId', m."bitrixUserId", 'role', m.role,
          'employee', ${employeeJson('e')})
          ORDER BY m."bitrixUserId") AS members
        FROM flow_member m
        JOIN flow f ON f.id = m."flowId"
        LEFT JOIN employee e ON e."portalId" = f."portalId" AND e."bitrixUserId" = m."bitrixUserId"
        WHERE m."flowId" = ANY(${flowIds}::uuid[]) AND m.role IN ('owner', 'moderator')
        GROUP BY m."flowId"
      )
      SELECT COALESCE(json_agg(json_build_object(
        'id', f.id, 'bitrixFlowId', f."bitrixFlowId", 'name', f.name, 'active', f.active,
        'distributionType', f."distributionType", 'portalEfficiency', f."portalEfficiency",
        'activityAt', extract(epoch FROM f."activityAt") * 1000, 'ownerId', f."ownerId",
        'owner', ${employeeJson('owner')},
        'domain', p.domain, 'timeZoneOffset', p."timeZoneOffset", 'members', COALESCE(l.members, '[]'),
        'pending', COALESCE(o.pending, 0), 'medianWaitMs', o."medianWaitMs",
        'inProgress', COALESCE(o."inProgress", 0), 'inProgressMedianMs', o."inProgressMedianMs",
        'awaitingReview', COALESCE(o."awaitingReview", 0), 'overdue', COALESCE(o.overdue, 0),
        'atRisk', COALESCE(o."atRisk", 0)
      ) ORDER BY f.name, f.id), '[]')::text AS rows
      FROM flow f
      JOIN portal p ON p.id = f."portalId"
      LEFT JOIN employee owner ON owner."portalId" = f."portalId" AND owner."bitrixUserId" = f."ownerId"
      LEFT JOIN leads l ON l."flowId" = f.id
      LEFT JOIN open o ON o."flowId" = f.id
      WHERE f.id = ANY(${flowIds}::uuid[])`,
    readListFigures(db, flowIds),
  ]);
  const found = z.array(flowRowSchema).parse(JSON.parse(rows));
  const offset = found[0]?.timeZoneOffset ?? '+00:00';
  const listWindow = periodWindow(now, 30, offset);
  // Two days before the window too: while today is not rolled up yet, yesterday's figure stands
  // for today and the one 30 days before it is its previous value.
  const firstDay = shiftDay(listWindow.to, -31);

  // Our daily figures from the flow's last activity on (all of them when it is older or unknown).
  const oursSince = (daily: WindowFigures, activityAt: number | null): number[] => {
    const from =
      activityAt === null ? 0 : Math.round((Date.parse(portalDay(activityAt, offset)) - Date.parse(firstDay)) / dayMs);
    const since = daily.efficiencies.filter((_, index) => daily.offsets[index]! >= from);
    return since.length > 0 ? since : daily.efficiencies.slice(-1);
  };
  const listRows = found.map((flow): FlowListRow => {
    const figures = stored.get(flow.id);
    const daily = figures ? windowFigures(figures, firstDay) : undefined;
    // The latest rolled-up day stands for today until the roll-up writes today's row.
    const last = daily ? daily.offsets.length - 1 : -1;
    const value = daily && last >= 0 ? daily.efficiencies[last]! : null;
    const previousAt = daily ? daily.offsets.indexOf(daily.offsets[last]! - 30) : -1;
    const previous = daily && previousAt >= 0 ? daily.efficiencies[previousAt]! : null;
    const ownerMember = flow.members.find((member) => member.role === 'owner');
    const owner =
      flow.ownerId !== null
        ? personOf(flow.ownerId, flow.owner)
        : ownerMember
          ? personOf(ownerMember.bitrixUserId, ownerMember.employee)
          : null;
    return {
      id: flow.id,
      bitrixFlowId: flow.bitrixFlowId,
      name: flow.name,
      active: flow.active,
      distributionType: flow.distributionType,
      owner,
      // An owner who also distributes the tasks is shown once, as the owner.
      moderators: flow.members
        .filter((member) => member.role === 'moderator' && member.bitrixUserId !== owner?.bitrixUserId)
        .map((member) => personOf(member.bitrixUserId, member.employee)),
      pending: { count: flow.pending, medianWaitMs: flow.medianWaitMs },
      inProgress: { count: flow.inProgress, medianMs: flow.inProgressMedianMs },
      awaitingReview: flow.awaitingReview,
      completed: daily?.completed ?? 0,
      overdue: flow.overdue,
      atRisk: flow.atRisk,
      likelyLate: figures?.likelyLate ?? null,
      efficiency: {
        value,
        previous,
        change: value !== null && previous !== null ? value - previous : null,
        band: value === null ? null : efficiencyBand(value),
        portalValue: flow.portalEfficiency,
        differs: portalEfficiencyDiffers(flow.portalEfficiency, daily ? oursSince(daily, flow.activityAt) : []),
        // The window's 30 days (offset 2 is its first day).
        sparkline: daily ? daily.efficiencies.filter((_, index) => daily.offsets[index]! >= 2) : [],
      },
      forecast: figures?.forecast
        ? {
            ...figures.forecast,
            drop: value === null ? null : value - figures.forecast.points.at(-1)!.median,
          }
        : null,
      bitrixUrl: flowUrl(flow.domain, flow.bitrixFlowId, owner?.bitrixUserId ?? null),
    };
  });
  return { window: listWindow, rows: listRows };
}
