import { z } from 'zod';
import type { PrismaClient } from '@/lib/db/client';
import { Prisma } from '@/lib/db/generated/client';
import { efficiencyWindow } from '@/lib/metrics/flow-efficiency';
import { calibrationTasksOf } from '@/lib/metrics/flow-calibration';
import { portalDaySql } from '@/lib/metrics/portal-day-sql';
import {
  metricTaskFromMirror,
  mirroredChangeRowSchema,
  mirroredTaskRowSchema,
} from '@/lib/metrics/mirrored-metric-task';
import { lastPortalDays, startOfPortalDay } from '@/lib/metrics/portal-days';
import type { AnalysedFlow } from '@/lib/findings/analysed-flow';
import { statusSql } from '@/lib/metrics/task-status-sql';
import { storedWorkCalendar } from '@/lib/time/work-calendar';

/** As Bitrix24's CoPilot, at most the 1,000 most recent tasks of the window are read. */
export const maxAnalysedTasks = 1_000;
const intakeDays = 60;

const taskRowSchema = mirroredTaskRowSchema.extend({ descriptionLength: z.number(), commentsCount: z.number() });
const changeRowSchema = mirroredChangeRowSchema.extend({ bitrixTaskId: z.number() });
const intakeRowSchema = z.object({ day: z.string(), created: z.number(), completed: z.number() });

export type FlowToAnalyse = { flowId: string; portalId: string; taskCount: number; flow: AnalysedFlow };

/** One flow's facts for the findings engine, or null when there is no such flow. */
export async function loadAnalysedFlow(
  db: PrismaClient,
  flowId: string,
  now = new Date(),
): Promise<FlowToAnalyse | null> {
  const flow = await db.flow.findUnique({
    where: { id: flowId },
    select: {
      id: true,
      portalId: true,
      ownerId: true,
      distributionType: true,
      plannedCompletionTime: true,
      matchWorkTime: true,
      taskControl: true,
      templateId: true,
      portal: { select: { timeZoneOffset: true, workCalendar: true } },
      members: { select: { bitrixUserId: true, role: true } },
    },
  });
  if (!flow) return null;
  const offset = flow.portal.timeZoneOffset;
  const window = efficiencyWindow(now.getTime(), offset);
  const days = lastPortalDays(now.getTime(), intakeDays, offset);
  const intakeFrom = new Date(startOfPortalDay(days[0]!, offset));

  const [taskRows, taskCount, intakeRows, completedLastQuarter] = await Promise.all([
    // The rule's own exclusions come first, so the 1,000 are tasks it counts or may count as violations
    // (a deferred task's violation counts, though the task does not).
    db.$queryRaw<unknown[]>`
      SELECT "bitrixTaskId", status::int AS status, "createdBy", "responsibleId", "createdAt", "startedAt", "closedAt", deadline,
        "descriptionLength", "commentsCount"
      FROM task
      WHERE "flowId" = ${flow.id}::uuid AND "deletedAt" IS NULL AND "createdBy" <> "responsibleId"
        AND "createdAt" <= ${new Date(window.end)} AND ("closedAt" IS NULL OR "closedAt" >= ${new Date(window.start)})
      ORDER BY "createdAt" DESC
      LIMIT ${maxAnalysedTasks}`,
    db.task.count({ where: { flowId: flow.id, deletedAt: null } }),
    db.$queryRaw<unknown[]>`
      WITH days AS (SELECT to_char(d, 'YYYY-MM-DD') AS day FROM generate_series(${days[0]!}::date, ${days.at(-1)!}::date, interval '1 day') d),
      created AS (
        SELECT to_char(${portalDaySql(Prisma.sql`"createdAt"`, offset)}, 'YYYY-MM-DD') AS day, count(*)::int AS n
        FROM task WHERE "flowId" = ${flow.id}::uuid AND "deletedAt" IS NULL AND "createdAt" >= ${intakeFrom} GROUP BY 1
      ),
      completed AS (
        SELECT to_char(${portalDaySql(Prisma.sql`"closedAt"`, offset)}, 'YYYY-MM-DD') AS day, count(*)::int AS n
        FROM task WHERE "flowId" = ${flow.id}::uuid AND "deletedAt" IS NULL AND status IN (${statusSql.completed}) AND "closedAt" >= ${intakeFrom} GROUP BY 1
      )
      SELECT days.day, coalesce(created.n, 0) AS created, coalesce(completed.n, 0) AS completed
      FROM days LEFT JOIN created USING (day) LEFT JOIN completed USING (day) ORDER BY days.day`,
    calibrationTasksOf(db, flow.id, now),
  ]);
  const tasks = z.array(taskRowSchema).parse(taskRows);
  const changes = z.array(changeRowSchema).parse(
    tasks.length === 0
      ? []
      : await db.$queryRaw<unknown[]>`
          SELECT "bitrixTaskId", field::text AS field, "fromValue", "toValue", "changedAt" FROM task_change
          WHERE "portalId" = ${flow.portalId}::uuid AND "bitrixTaskId" = ANY(${tasks.map((task) => task.bitrixTaskId)}::int[])
          ORDER BY "changedAt", id`,
  );
  const changesByTask = new Map<number, typeof changes>();
  for (const change of changes)
    changesByTask.set(change.bitrixTaskId, [...(changesByTask.get(change.bitrixTaskId) ?? []), change]);

  const team = flow.members.filter((member) => member.role === 'member').map((member) => member.bitrixUserId);
  const people = [...new Set([...team, ...tasks.map((task) => task.responsibleId)])];
  const inactive = await db.employee.findMany({
    where: { portalId: flow.portalId, bitrixUserId: { in: people }, active: false },
    select: { bitrixUserId: true },
  });

  return {
    flowId: flow.id,
    portalId: flow.portalId,
    taskCount,
    flow: {
      distributionType: flow.distributionType,
      plannedCompletionTime: flow.plannedCompletionTime,
      matchWorkTime: flow.matchWorkTime,
      taskControl: flow.taskControl,
      templateId: flow.templateId,
      ownerId: flow.ownerId,
      moderatorIds: flow.members.filter((member) => member.role === 'moderator').map((member) => member.bitrixUserId),
      team,
      inactiveUserIds: inactive.map((employee) => employee.bitrixUserId),
      tasks: tasks.map((task) => {
        const own = changesByTask.get(task.bitrixTaskId) ?? [];
        const firstHandOver = own.find((change) => change.field === 'responsible');
        return {
          ...metricTaskFromMirror(task, own),
          descriptionLength: task.descriptionLength,
          commentsCount: task.commentsCount,
          assignedAt: firstHandOver ? firstHandOver.changedAt.getTime() : null,
        };
      }),
      completedLastQuarter,
      intake: z.array(intakeRowSchema).parse(intakeRows),
      now: now.getTime(),
      timeZoneOffset: offset,
      workCalendar: storedWorkCalendar(flow.portal.workCalendar),
    },
  };
}
