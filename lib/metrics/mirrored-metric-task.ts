import type { MetricTask } from './metric-task';

/** A mirrored task row and its changes as the database gives them (dates as Date, values as text). */
export type MirroredTaskRow = {
  bitrixTaskId: number;
  status: number;
  createdBy: number;
  responsibleId: number;
  createdAt: Date;
  startedAt: Date | null;
  closedAt: Date | null;
  deadline: Date | null;
};
export type MirroredChangeRow = { field: string; fromValue: string | null; toValue: string | null; changedAt: Date };

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
