import { z } from 'zod';
import { flowUrl } from '@/lib/bitrix24/portal-links';
import type { PrismaClient } from '@/lib/db/client';
import type { Prisma } from '@/lib/db/generated/client';
import { listFigureDays, readListFigures, type ListFigures } from '@/lib/metrics/flow-list-figures';
import { portalEfficiencyDiffers } from '@/lib/metrics/portal-efficiency-check';
import { portalDay, shiftDay } from '@/lib/metrics/portal-days';
import { dayMs } from '@/lib/time/durations';
import type { FlowListRow, FlowsList } from './dashboard-types';
import { efficiencyBand } from './efficiency-band';
import { peopleOf } from '@/lib/people/people-of';
import { periodWindow } from './portal-window';
import { openTaskAtRiskSql, openTaskOverdueSql } from '@/lib/metrics/open-task-risk-sql';
import { statusSql } from '@/lib/metrics/task-status-sql';

const noOpenTasks = {
  pending: 0,
  medianWaitMs: null,
  inProgress: 0,
  inProgressMedianMs: null,
  awaitingReview: 0,
  overdue: 0,
  atRisk: 0,
};
const openRowSchema = z.object({
  flowId: z.string(),
  pending: z.number(),
  medianWaitMs: z.number().nullable(),
  inProgress: z.number(),
  inProgressMedianMs: z.number().nullable(),
  awaitingReview: z.number(),
  overdue: z.number(),
  atRisk: z.number(),
});

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
      activityAt: true,
      ownerId: true,
      portal: { select: { domain: true, timeZoneOffset: true } },
      members: {
        where: { role: { in: ['owner', 'moderator'] } },
        select: { bitrixUserId: true, role: true },
        orderBy: { bitrixUserId: 'asc' },
      },
    },
  });
  const offset = found[0]?.portal.timeZoneOffset ?? '+00:00';
  const listWindow = periodWindow(now, 30, offset);
  if (found.length === 0) return { window: listWindow, rows: [] };

  const flowIds = found.map((flow) => flow.id);
  const at = new Date(now).toISOString();
  // Two days before the window too: while today is not rolled up yet, yesterday's figure stands
  // for today and the one 30 days before it is its previous value.
  const firstDay = shiftDay(listWindow.to, -31);
  const [openRows, stored, person] = await Promise.all([
    // Open tasks through the (flowId, status, …) index: a small part of a large mirror.
    db.$queryRaw<unknown[]>`
      SELECT t."flowId"::text AS "flowId",
        count(*) FILTER (WHERE t.status IN (${statusSql.waiting}))::int AS pending,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM ${at}::timestamptz - t."createdAt") * 1000) FILTER (WHERE t.status IN (${statusSql.waiting})) AS "medianWaitMs",
        count(*) FILTER (WHERE t.status IN (${statusSql.inProgress}))::int AS "inProgress",
        percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM ${at}::timestamptz - COALESCE(t."startedAt", t."createdAt")) * 1000) FILTER (WHERE t.status IN (${statusSql.inProgress})) AS "inProgressMedianMs",
        count(*) FILTER (WHERE t.status IN (${statusSql.awaitingReview}))::int AS "awaitingReview",
        count(*) FILTER (WHERE ${openTaskOverdueSql(at)})::int AS overdue,
        count(*) FILTER (WHERE ${openTaskAtRiskSql(at)})::int AS "atRisk"
      FROM task t
      WHERE t."flowId" = ANY(${flowIds}::uuid[]) AND t.status IN (${statusSql.open}) AND t."deletedAt" IS NULL
      GROUP BY t."flowId"`,
    readListFigures(db, flowIds),
    peopleOf(
      db,
      found.flatMap((flow) => [
        ...(flow.ownerId === null ? [] : [{ portalId: flow.portalId, bitrixUserId: flow.ownerId }]),
        ...flow.members.map((member) => ({ portalId: flow.portalId, bitrixUserId: member.bitrixUserId })),
      ]),
    ),
  ]);

  const open = new Map(
    z
      .array(openRowSchema)
      .parse(openRows)
      .map((row) => [row.flowId, row]),
  );

  // Our daily figures from the flow's last activity on (all of them when it is older or unknown).
  const oursSince = (daily: WindowFigures, activityAt: Date | null): number[] => {
    const from =
      activityAt === null
        ? 0
        : Math.round((Date.parse(portalDay(activityAt.getTime(), offset)) - Date.parse(firstDay)) / 86_400_000);
    const since = daily.efficiencies.filter((_, index) => daily.offsets[index]! >= from);
    return since.length > 0 ? since : daily.efficiencies.slice(-1);
  };
  const rows = found.map((flow): FlowListRow => {
    const counts = open.get(flow.id) ?? noOpenTasks;
    const figures = stored.get(flow.id);
    const daily = figures ? windowFigures(figures, firstDay) : undefined;
    // The latest rolled-up day stands for today until the roll-up writes today's row.
    const last = daily ? daily.offsets.length - 1 : -1;
    const value = daily && last >= 0 ? daily.efficiencies[last]! : null;
    const previousAt = daily ? daily.offsets.indexOf(daily.offsets[last]! - 30) : -1;
    const previous = daily && previousAt >= 0 ? daily.efficiencies[previousAt]! : null;
    const ownerId = flow.ownerId ?? flow.members.find((member) => member.role === 'owner')?.bitrixUserId ?? null;
    return {
      id: flow.id,
      bitrixFlowId: flow.bitrixFlowId,
      name: flow.name,
      active: flow.active,
      distributionType: flow.distributionType,
      owner: ownerId === null ? null : person(flow.portalId, ownerId),
      // An owner who also distributes the tasks is shown once, as the owner.
      moderators: flow.members
        .filter((member) => member.role === 'moderator' && member.bitrixUserId !== ownerId)
        .map((member) => person(flow.portalId, member.bitrixUserId)),
      pending: { count: counts.pending, medianWaitMs: counts.medianWaitMs },
      inProgress: { count: counts.inProgress, medianMs: counts.inProgressMedianMs },
      awaitingReview: counts.awaitingReview,
      completed: daily?.completed ?? 0,
      overdue: counts.overdue,
      atRisk: counts.atRisk,
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
      bitrixUrl: flowUrl(flow.portal.domain, flow.bitrixFlowId, ownerId),
    };
  });
  return { window: listWindow, rows };
}
