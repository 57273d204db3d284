import { z } from 'zod';
import type { PrismaClient } from '@/lib/db/client';
import {
  metricTaskFromMirror,
  mirroredChangeRowSchema,
  mirroredTaskRowSchema,
} from '@/lib/metrics/mirrored-metric-task';
import { dayMs } from '@/lib/time/durations';
import { storedWorkCalendar } from '@/lib/time/work-calendar';
import { learnDays, type FlowHistory } from './fit-flow-model';

const taskRowSchema = mirroredTaskRowSchema.extend({
  // A JSON aggregate gives the change's time as text.
  changes: z.array(mirroredChangeRowSchema.extend({ changedAt: z.coerce.date() })),
});

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
      COALESCE((
        SELECT json_agg(json_build_object('field', c.field, 'fromValue', c."fromValue", 'toValue', c."toValue", 'changedAt', c."changedAt")
          ORDER BY c."changedAt", c.id)
        FROM task_change c WHERE c."portalId" = t."portalId" AND c."bitrixTaskId" = t."bitrixTaskId" AND c."changedAt" <= ${now}
      ), '[]'::json) AS changes
    FROM task t
    WHERE t."flowId" = ${flow.id}::uuid AND t."deletedAt" IS NULL AND t."createdAt" <= ${now}
      AND (t."createdAt" >= ${from} OR t."closedAt" IS NULL OR t."closedAt" >= ${from})`;
  const tasks = z
    .array(taskRowSchema)
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
