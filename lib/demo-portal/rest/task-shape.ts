import type { PortalTask, PortalUser } from '../company';
import type { PortalState, StoredTask } from '../portal-state';

/** Request names (UPPER_SNAKE) of task fields, to their response names (camelCase). */
export const taskFieldNames: Record<string, keyof PortalTask> = {
  ID: 'id',
  PARENT_ID: 'parentId',
  TITLE: 'title',
  DESCRIPTION: 'description',
  STATUS: 'status',
  REAL_STATUS: 'status',
  PRIORITY: 'priority',
  CREATED_BY: 'createdBy',
  RESPONSIBLE_ID: 'responsibleId',
  CHANGED_BY: 'changedBy',
  STATUS_CHANGED_BY: 'statusChangedBy',
  CLOSED_BY: 'closedBy',
  GROUP_ID: 'groupId',
  FLOW_ID: 'flowId',
  STAGE_ID: 'stageId',
  CREATED_DATE: 'createdDate',
  CHANGED_DATE: 'changedDate',
  STATUS_CHANGED_DATE: 'statusChangedDate',
  DATE_START: 'dateStart',
  DEADLINE: 'deadline',
  CLOSED_DATE: 'closedDate',
  ACTIVITY_DATE: 'activityDate',
  TIME_ESTIMATE: 'timeEstimate',
  ALLOW_CHANGE_DEADLINE: 'allowChangeDeadline',
  TASK_CONTROL: 'taskControl',
  MATCH_WORK_TIME: 'matchWorkTime',
  COMMENTS_COUNT: 'commentsCount',
  FORKED_BY_TEMPLATE_ID: 'forkedByTemplateId',
  ACCOMPLICES: 'accomplices',
  AUDITORS: 'auditors',
};

function person(state: PortalState, id: string) {
  const user: PortalUser | undefined = state.users.get(Number(id));
  return {
    id,
    name: user ? `${user.NAME} ${user.LAST_NAME}`.trim() : '',
    link: `/company/personal/user/${id}/`,
    icon: '/bitrix/images/tasks/default_avatar.png',
    workPosition: user?.WORK_POSITION ?? '',
  };
}

/** The meta status Bitrix24 reports beside the real one: -1 overdue, -3 almost overdue (within a day), else the status. */
export function subStatus(stored: StoredTask, now: number): string {
  const open = !['4', '5', '6'].includes(stored.record.status);
  if (open && stored.deadlineAt !== null && stored.deadlineAt < now) return '-1';
  if (open && stored.deadlineAt !== null && stored.deadlineAt - now < 86_400_000) return '-3';
  return stored.record.status;
}

/** A task as tasks.task.list / get return it, limited to `select` (all fields for none or `*`). */
export function taskForResponse(
  state: PortalState,
  stored: StoredTask,
  select: string[] | null,
  now: number,
): Record<string, unknown> {
  const record = stored.record;
  const full: Record<string, unknown> = {
    ...record,
    subStatus: subStatus(stored, now),
    creator: person(state, record.createdBy),
    responsible: person(state, record.responsibleId),
    group: [],
  };
  if (!select || select.length === 0 || select.includes('*')) return full;
  const out: Record<string, unknown> = { id: record.id };
  for (const name of select) {
    const key = taskFieldNames[name.toUpperCase()];
    if (!key) continue;
    out[key] = record[key];
    if (name.toUpperCase() === 'STATUS') out.subStatus = full.subStatus;
    if (key === 'createdBy') out.creator = full.creator;
    if (key === 'responsibleId') out.responsible = full.responsible;
  }
  return out;
}
