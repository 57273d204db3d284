import { z } from 'zod';
import type { PrismaClient } from '@/lib/db/client';
import {
  metricTaskFromMirror,
  mirroredTaskWithChangesSchema,
  taskChangesJsonSql,
} from '@/lib/metrics/mirrored-metric-task';
import { dayMs } from '@/lib/time/durations';
import { storedWorkCalendar } from '@/lib/time/work-calendar';
import { learnDays, type FlowHistory } from './fit-flow-model';

/** The flow's settings and people, as the What if tab shows them beside the model. */
export type SimulatedFlow = {
  id: string;
  portalId: string;
  history: FlowHistory;
};

/**
 * A flow's history for the simulator, from the mirror at `now` (docs/simulation.md, "What it
 * learns from"): its settings, its team and moderators, and its tasks created in the learning days
 * and the efficiency window before them, open, or closed since, each with its changes. Null for an
 * unknown flow; the caller checks the viewer's scope first.
 */
export async function loadFlowHistory(db: PrismaClient, flowId: string, now: Date): Promise<SimulatedFlow | null> {
  const flow = await db.flow.findUnique({
    where: { id: flowId },
    select: {
      id: true,
      portalId: true,
      distributionType: true,
      plannedCompletionTime: true,
      matchWorkTime: true,
      taskControl: true,
      portal: { select: { timeZoneOffset: true, workCalendar: true } },
      members: { select: { bitrixUserId: true, role: true } },
    },
  });
  if (!flow) return null;
  const from = new Date(now.getTime() - (learnDays + 31) * dayMs);
  const rows = await db.$queryRaw<unknown[]>`
    SELECT t."bitrixTaskId", t.status::int AS status, t."createdBy", t."responsibleId",
      t."createdAt", t."startedAt", t."closedAt", t.deadline,
      ${taskChangesJsonSql(now)} AS changes
    FROM task t
    WHERE t."flowId" = ${flow.id}::uuid AND t."deletedAt" IS NULL AND t."createdAt" <= ${now}
      AND (t."createdAt" >= ${from} OR t."closedAt" IS NULL OR t."closedAt" >= ${from})`;
  const tasks = z
    .array(mirroredTaskWithChangesSchema)
    .parse(rows)
    .map((row) => metricTaskFromMirror(row, row.changes));
  return {
    id: flow.id,
    portalId: flow.portalId,
    history: {
      distribution: flow.distributionType,
      plannedSeconds: flow.plannedCompletionTime,
      matchWorkTime: flow.matchWorkTime,
      taskControl: flow.taskControl,
      team: flow.members.filter((member) => member.role === 'member').map((member) => member.bitrixUserId),
      moderatorIds: flow.members.filter((member) => member.role === 'moderator').map((member) => member.bitrixUserId),
      timeZoneOffset: flow.portal.timeZoneOffset,
      calendar: storedWorkCalendar(flow.portal.workCalendar),
      tasks,
    },
  };
}
