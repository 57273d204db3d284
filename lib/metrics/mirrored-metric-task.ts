import { z } from 'zod';
import { Prisma } from '@/lib/db/generated/client';
import type { MetricTask } from './metric-task';

/** A mirrored task row as the database gives it (dates as Date), checked on the way out of a raw query. */
export const mirroredTaskRowSchema = z.object({
  bitrixTaskId: z.number(),
  status: z.number(),
  createdBy: z.number(),
  responsibleId: z.number(),
  createdAt: z.date(),
  startedAt: z.date().nullable(),
  closedAt: z.date().nullable(),
  deadline: z.date().nullable(),
});
/** One of its changes (values as text). */
export const mirroredChangeRowSchema = z.object({
  field: z.string(),
  fromValue: z.string().nullable(),
  toValue: z.string().nullable(),
  changedAt: z.date(),
});
/** A task row read with its changes in one column (`taskChangesJsonSql`); JSON gives their times as text. */
export const mirroredTaskWithChangesSchema = mirroredTaskRowSchema.extend({
  changes: z.array(mirroredChangeRowSchema.extend({ changedAt: z.coerce.date() })),
});

/**
 * The changes of the query's task `t`, oldest first, as one JSON array (empty when none): a
 * task's history comes with it in the same statement. With `until`, only those made by then.
 */
export function taskChangesJsonSql(until?: Date): Prisma.Sql {
  const madeBy = until === undefined ? Prisma.empty : Prisma.sql`AND c."changedAt" <= ${until}`;
  return Prisma.sql`COALESCE((
    SELECT json_agg(json_build_object('field', c.field, 'fromValue', c."fromValue", 'toValue', c."toValue", 'changedAt', c."changedAt")
      ORDER BY c."changedAt", c.id)
    FROM task_change c WHERE c."portalId" = t."portalId" AND c."bitrixTaskId" = t."bitrixTaskId" ${madeBy}
  ), '[]'::json)`;
}

export type MirroredTaskRow = z.infer<typeof mirroredTaskRowSchema>;
export type MirroredChangeRow = z.infer<typeof mirroredChangeRowSchema>;

/** The task as the JS metrics take it; `changes` are this task's, oldest first. */
export function metricTaskFromMirror(task: MirroredTaskRow, changes: readonly MirroredChangeRow[]): MetricTask {
  return {
    id: task.bitrixTaskId,
    status: task.status,
    createdBy: task.createdBy,
    responsibleId: task.responsibleId,
    createdAt: task.createdAt.getTime(),
    startedAt: task.startedAt?.getTime() ?? null,
    closedAt: task.closedAt?.getTime() ?? null,
    deadline: task.deadline?.getTime() ?? null,
    deadlineChanges: changes
      .filter((change) => change.field === 'deadline')
      .map((change) => ({ from: deadlineOf(change.fromValue), changedAt: change.changedAt.getTime() })),
    statusChanges: changes
      .filter((change) => change.field === 'status')
      .map((change) => ({
        from: Number(change.fromValue),
        to: Number(change.toValue),
        at: change.changedAt.getTime(),
      })),
    responsibleChanges: changes
      .filter((change) => change.field === 'responsible')
      .map((change) => ({
        from: Number(change.fromValue),
        to: Number(change.toValue),
        at: change.changedAt.getTime(),
      })),
  };
}

/** A deadline as history text; anything unreadable is "no deadline", as the SQL figures read it. */
function deadlineOf(value: string | null): number | null {
  if (value === null || !/^\d{4}-\d{2}-\d{2}T/.test(value)) return null;
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? null : parsed;
}
