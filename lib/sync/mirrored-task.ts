import { parsePortalDate } from '@/lib/bitrix24/portal-dates';
import type { PortalTaskData } from '@/lib/bitrix24/schemas';

/**
 * A portal task as a mirror row: the fields the metrics read, in columns (dates as ISO UTC), and
 * the record itself in `raw`, without the description: the mirror keeps its length, which is
 * what the findings use ("tasks arrive without a description"), not the text.
 */
export type MirroredTask = {
  bitrixTaskId: number;
  bitrixFlowId: number | null;
  title: string;
  descriptionLength: number;
  status: number;
  createdBy: number;
  responsibleId: number;
  groupId: number;
  createdAt: string;
  changedAt: string;
  statusChangedAt: string | null;
  startedAt: string | null;
  deadline: string | null;
  closedAt: string | null;
  taskControl: boolean;
  commentsCount: number;
  raw: Record<string, unknown>;
};

function isoDate(value: string | null | undefined, offset: string): string | null {
  const time = parsePortalDate(value, offset);
  return time === null ? null : new Date(time).toISOString();
}

export function mirroredTask(task: PortalTaskData, timeZoneOffset: string): MirroredTask {
  const { description, ...raw } = task;
  const createdAt = isoDate(task.createdDate, timeZoneOffset);
  if (createdAt === null) throw new Error(`Task ${task.id} has an unreadable creation date: ${task.createdDate}`);
  return {
    bitrixTaskId: Number(task.id),
    bitrixFlowId: task.flowId === null ? null : Number(task.flowId),
    title: task.title,
    descriptionLength: description?.length ?? 0,
    status: Number(task.status),
    createdBy: Number(task.createdBy),
    responsibleId: Number(task.responsibleId),
    groupId: Number(task.groupId ?? 0),
    createdAt,
    changedAt: isoDate(task.changedDate, timeZoneOffset) ?? createdAt,
    statusChangedAt: isoDate(task.statusChangedDate, timeZoneOffset),
    startedAt: isoDate(task.dateStart, timeZoneOffset),
    deadline: isoDate(task.deadline, timeZoneOffset),
    closedAt: isoDate(task.closedDate, timeZoneOffset),
    taskControl: task.taskControl === 'Y' || task.taskControl === '1',
    commentsCount: Number(task.commentsCount ?? 0) || 0,
    raw,
  };
}
