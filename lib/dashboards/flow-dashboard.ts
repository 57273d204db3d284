import { z } from 'zod';
import { taskUrl } from '@/lib/bitrix24/portal-links';
import type { PrismaClient } from '@/lib/db/client';
import type { Prisma } from '@/lib/db/generated/client';
import { dailyFlowSeries, weeklyFlowSeries } from '@/lib/metrics/daily-figure-reads';
import { flowPageMetrics } from '@/lib/metrics/flow-page-metrics';
import { startOfPortalDay } from '@/lib/metrics/portal-days';
import type { ChartPeriod, FlowDashboard, LeadTimePoint, RiskTask } from './dashboard-types';
import { defaultChartPeriod } from './chart-period';
import { flowsList } from './flows-list';
import { peopleOf } from '@/lib/people/people-of';
import { periodWindow } from './portal-window';
import { openTaskAtRiskSql, openTaskOverdueSql } from '@/lib/metrics/open-task-risk-sql';
import { openTaskRisks } from '@/lib/metrics/open-task-risks';
import { statusSql } from '@/lib/metrics/task-status-sql';
import { storedWorkCalendar } from '@/lib/time/work-calendar';

/** Completed tasks drawn on the lead-time scatter: the most recent ones when a period has more. */
const maxLeadTimePoints = 2_000;

const percentilesSchema = z.object({
  p50: z.number().nullable(),
  p85: z.number().nullable(),
  p95: z.number().nullable(),
});
const leadPointSchema = z.object({ taskId: z.number(), title: z.string(), closedAt: z.date(), leadMs: z.number() });
const riskRowSchema = z.object({
  taskId: z.number(),
  title: z.string(),
  status: z.number(),
  responsibleId: z.number(),
  deadline: z.date(),
  overdue: z.boolean(),
});

/**
 * Everything one flow's page shows, or null when the flow is not within `flows` (the caller's
 * access filter) — unknown and out of scope look the same. The header row is the flows list's row.
 */
export async function flowDashboard(
  db: PrismaClient,
  flows: Prisma.FlowWhereInput,
  flowId: string,
  options: { now?: Date; days?: ChartPeriod } = {},
): Promise<FlowDashboard | null> {
  const id = z.uuid().safeParse(flowId);
  if (!id.success) return null;
  const now = options.now ?? new Date();
  const list = await flowsList(db, { AND: [flows, { id: id.data }] }, { now });
  if (list.rows.length === 0) return null;
  const row = list.rows[0]!;
  const flow = await db.flow.findUniqueOrThrow({
    where: { id: id.data },
    select: {
      portalId: true,
      plannedCompletionTime: true,
      distributionType: true,
      taskControl: true,
      templateId: true,
      matchWorkTime: true,
      responsibleCanChangeDeadline: true,
      description: true,
      portal: { select: { domain: true, workCalendar: true } },
      members: { select: { bitrixUserId: true, role: true } },
    },
  });
  const period = periodWindow(now.getTime(), options.days ?? defaultChartPeriod, list.window.timeZoneOffset);
  const periodStart = new Date(startOfPortalDay(period.from, period.timeZoneOffset));
  const at = now.toISOString();

  const calendar = storedWorkCalendar(flow.portal.workCalendar);
  const [daily, weekly, leadRows, leadPercentiles, pageMetrics, riskRows, risksById] = await Promise.all([
    dailyFlowSeries(db, id.data, period),
    weeklyFlowSeries(db, id.data, period),
    db.$queryRaw<unknown[]>`
      SELECT * FROM (
        SELECT t."bitrixTaskId" AS "taskId", t.title, t."closedAt", GREATEST(0, extract(epoch FROM t."closedAt" - t."createdAt") * 1000)::float8 AS "leadMs"
        FROM task t
        WHERE t."flowId" = ${id.data}::uuid AND t.status IN (${statusSql.completed}) AND t."deletedAt" IS NULL AND t."closedAt" >= ${periodStart}::timestamptz
        ORDER BY t."closedAt" DESC
        LIMIT ${maxLeadTimePoints}
      ) recent ORDER BY "closedAt"`,
    // Over every completed task of the period, also when the scatter draws only the latest.
    db.$queryRaw<unknown[]>`
      SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY l.ms) AS p50, percentile_cont(0.85) WITHIN GROUP (ORDER BY l.ms) AS p85,
        percentile_cont(0.95) WITHIN GROUP (ORDER BY l.ms) AS p95
      FROM (
        SELECT GREATEST(0, extract(epoch FROM t."closedAt" - t."createdAt") * 1000)::float8 AS ms
        FROM task t
        WHERE t."flowId" = ${id.data}::uuid AND t.status IN (${statusSql.completed}) AND t."deletedAt" IS NULL AND t."closedAt" >= ${periodStart}::timestamptz
      ) l`,
    flowPageMetrics(db, id.data, { now }),
    db.$queryRaw<unknown[]>`
      -- The same two tests as the flows list's overdue and at-risk counts, so the table adds up to them.
      SELECT t."bitrixTaskId" AS "taskId", t.title, t.status, t."responsibleId", t.deadline, f.overdue
      FROM task t
      CROSS JOIN LATERAL (
        SELECT ${openTaskOverdueSql(at)} AS overdue, ${openTaskAtRiskSql(at)} AS "atRisk"
      ) f
      WHERE t."flowId" = ${id.data}::uuid AND t.status IN (${statusSql.open}) AND t."deletedAt" IS NULL AND t.deadline IS NOT NULL AND (f.overdue OR f."atRisk")
      ORDER BY t.deadline, t."bitrixTaskId"`,
    openTaskRisks(
      db,
      { id: id.data, matchWorkTime: flow.matchWorkTime, calendar, timeZoneOffset: list.window.timeZoneOffset },
      now,
    ),
  ]);

  const leadPoints = z.array(leadPointSchema).parse(leadRows);
  const risks = z.array(riskRowSchema).parse(riskRows);
  const person = await peopleOf(
    db,
    [
      ...flow.members.map((member) => member.bitrixUserId),
      ...pageMetrics.load.assignees.map((assignee) => assignee.responsibleId),
      ...pageMetrics.aging.map((task) => task.responsibleId),
      ...risks.map((task) => task.responsibleId),
    ].map((bitrixUserId) => ({ portalId: flow.portalId, bitrixUserId })),
  );
  const who = (bitrixUserId: number) => person(flow.portalId, bitrixUserId);
  const leads = z.array(percentilesSchema).length(1).parse(leadPercentiles)[0]!;
  const byName = (a: { person: { name: string } }, b: { person: { name: string } }) =>
    a.person.name.localeCompare(b.person.name);

  return {
    flow: {
      ...row,
      settings: {
        plannedTimeSeconds: flow.plannedCompletionTime,
        distributionType: flow.distributionType,
        taskControl: flow.taskControl,
        templateId: flow.templateId,
        matchWorkTime: flow.matchWorkTime,
        responsibleCanChangeDeadline: flow.responsibleCanChangeDeadline,
        description: flow.description,
        calendar,
      },
      team: flow.members
        .map((member) => ({ ...who(member.bitrixUserId), role: member.role }))
        .sort(
          (a, b) =>
            ['owner', 'moderator', 'member'].indexOf(a.role) - ['owner', 'moderator', 'member'].indexOf(b.role) ||
            a.name.localeCompare(b.name),
        ),
    },
    window: list.window,
    period,
    daily: daily.map(
      ({ day, efficiency, pending, inProgress, awaitingReview, completed, completedToday, created, overdue }) => ({
        day,
        efficiency,
        pending,
        inProgress,
        awaitingReview,
        completed,
        completedToday,
        created,
        overdue,
      }),
    ),
    weekly: weekly.map(({ week, throughput, created }) => ({ week, throughput, created })),
    leadTimes: {
      points: leadPoints.map((point): LeadTimePoint => ({ ...point, closedAt: point.closedAt.toISOString() })),
      percentiles: { p50: leads.p50, p85: leads.p85, p95: leads.p95 },
      plannedMs: flow.plannedCompletionTime > 0 ? flow.plannedCompletionTime * 1000 : null,
    },
    aging: {
      tasks: pageMetrics.aging.map(({ responsibleId, ...task }) => ({ ...task, responsible: who(responsibleId) })),
      percentiles: { p50: pageMetrics.leadTime.p50, p85: pageMetrics.leadTime.p85, p95: pageMetrics.leadTime.p95 },
    },
    load: {
      assignees: pageMetrics.load.assignees
        .map(({ responsibleId, open, overdue }) => ({ person: who(responsibleId), open, overdue }))
        .sort(byName),
      medianOpen: pageMetrics.load.medianOpen,
      medianOverdue: pageMetrics.load.medianOverdue,
    },
    // The likeliest to run late first; on a tie, the soonest deadline (the query's order).
    riskTasks: risks
      .map((task): RiskTask => ({
        taskId: task.taskId,
        title: task.title,
        status: task.status,
        responsible: who(task.responsibleId),
        deadline: task.deadline.toISOString(),
        kind: task.overdue ? 'overdue' : 'at-risk',
        risk: risksById.get(task.taskId) ?? null,
        url: taskUrl(flow.portal.domain, task.taskId, task.responsibleId),
      }))
      .sort((a, b) => (b.risk?.probability ?? 0) - (a.risk?.probability ?? 0)),
  };
}
