import type { HistoryRow, PortalTask } from '../company';
import type { FlowPlan } from './flow-plans';
import { formatPortalDate, type PortalClock } from './portal-time';
import type { Random } from './random';
import { replayTask, type SimulatedTask, type TaskEvent } from './simulated-task';
import { taskTexts } from './task-texts';

/** Shares of low ("0") and high ("2") priority; the rest is the default medium ("1"). */
const LOW_PRIORITY_SHARE = 0.06;
const HIGH_PRIORITY_SHARE = 0.14;

/** The task as tasks.task.list returns it; texts and minor fields are drawn from `random`. */
export function taskRecord(task: SimulatedTask, plan: FlowPlan, random: Random, clock: PortalClock): PortalTask {
  const state = replayTask(task);
  const { title, description } = taskTexts(plan.archetype, task.thinDescription, random);
  const priorityDraw = random.next();
  const colleague = random.chance(0.03) ? plan.team.find((member) => member !== state.responsibleId) : undefined;
  const ownerAudits = random.chance(0.1) && plan.ownerId !== state.responsibleId && plan.ownerId !== task.createdBy;
  return {
    id: String(task.id),
    parentId: null,
    title,
    description,
    status: state.status,
    priority:
      priorityDraw < LOW_PRIORITY_SHARE ? '0' : priorityDraw < LOW_PRIORITY_SHARE + HIGH_PRIORITY_SHARE ? '2' : '1',
    createdBy: String(task.createdBy),
    responsibleId: String(state.responsibleId),
    changedBy: String(state.changedBy),
    statusChangedBy: String(state.statusChangedBy),
    closedBy: state.closedBy === null ? null : String(state.closedBy),
    groupId: String(plan.groupId),
    flowId: String(plan.id),
    stageId: '0',
    createdDate: formatPortalDate(task.createdAt, clock),
    changedDate: formatPortalDate(state.changedAt, clock),
    statusChangedDate: formatPortalDate(state.statusChangedAt, clock),
    dateStart: state.dateStart === null ? null : formatPortalDate(state.dateStart, clock),
    deadline: formatPortalDate(state.deadline, clock),
    closedDate: state.closedDate === null ? null : formatPortalDate(state.closedDate, clock),
    activityDate: formatPortalDate(state.changedAt, clock),
    timeEstimate:
      plan.templateId > 0 ? String(Math.max(1800, Math.round((plan.plannedSeconds * 0.3) / 3600) * 3600)) : '0',
    allowChangeDeadline: plan.allowChangeDeadline ? 'Y' : 'N',
    taskControl: plan.taskControl ? 'Y' : 'N',
    matchWorkTime: plan.matchWorkTime ? 'Y' : 'N',
    // Thin tasks draw questions in the comments.
    commentsCount: String(task.thinDescription ? random.int(3, 9) : random.int(0, 3)),
    forkedByTemplateId: plan.templateId > 0 ? String(plan.templateId) : null,
    accomplices: colleague === undefined ? [] : [String(colleague)],
    auditors: ownerAudits ? [String(plan.ownerId)] : [],
  };
}

/** The task's history (tasks.task.history.list rows plus taskId): NEW, then one row per event. */
export function historyRows(task: SimulatedTask, firstRowId: number, clock: PortalClock): HistoryRow[] {
  const taskId = String(task.id);
  const rows: HistoryRow[] = [
    {
      taskId,
      id: String(firstRowId),
      createdDate: formatPortalDate(task.createdAt, clock),
      field: 'NEW',
      value: { from: null, to: null },
      user: { id: String(task.createdBy) },
    },
  ];
  task.events.forEach((event, index) => {
    rows.push({
      taskId,
      id: String(firstRowId + index + 1),
      createdDate: formatPortalDate(event.at, clock),
      field: fieldOf(event),
      value: valueOf(event, clock),
      user: { id: String(event.by) },
    });
  });
  return rows;
}

function fieldOf(event: TaskEvent): string {
  return event.kind === 'status' ? 'STATUS' : event.kind === 'responsible' ? 'RESPONSIBLE_ID' : 'DEADLINE';
}

function valueOf(event: TaskEvent, clock: PortalClock): { from: string; to: string } {
  if (event.kind === 'deadline')
    return { from: formatPortalDate(event.from, clock), to: formatPortalDate(event.to, clock) };
  return { from: String(event.from), to: String(event.to) };
}
