import type { PortalTask } from '../company';

export type TaskStatus = PortalTask['status'];

/** One change in a task's life; each becomes one history row. Times are epoch seconds. */
export type TaskEvent =
  | { kind: 'status'; at: number; by: number; from: TaskStatus; to: TaskStatus }
  | { kind: 'responsible'; at: number; by: number; from: number; to: number }
  | { kind: 'deadline'; at: number; by: number; from: number; to: number };

/** A task as the simulation leaves it: how it started and what happened to it up to asOf. */
export type SimulatedTask = {
  id: number;
  createdAt: number;
  createdBy: number;
  responsibleAtCreation: number;
  statusAtCreation: '1' | '2';
  deadlineAtCreation: number;
  /** In time order; nothing after asOf. */
  events: TaskEvent[];
  /** Set with a short or empty description. */
  thinDescription: boolean;
};

/** The task's fields that follow from its events. */
export type TaskState = {
  status: TaskStatus;
  responsibleId: number;
  deadline: number;
  dateStart: number | null;
  closedDate: number | null;
  closedBy: number | null;
  changedAt: number;
  changedBy: number;
  statusChangedAt: number;
  statusChangedBy: number;
};

/**
 * Replays the events: the task's final fields are whatever its history says, so the two cannot
 * disagree. dateStart is the first move into progress; a task is closed by completion (5) or,
 * in this data, by being declined (7).
 */
export function replayTask(task: SimulatedTask): TaskState {
  const state: TaskState = {
    status: task.statusAtCreation,
    responsibleId: task.responsibleAtCreation,
    deadline: task.deadlineAtCreation,
    dateStart: null,
    closedDate: null,
    closedBy: null,
    changedAt: task.createdAt,
    changedBy: task.createdBy,
    statusChangedAt: task.createdAt,
    statusChangedBy: task.createdBy,
  };
  for (const event of task.events) {
    state.changedAt = event.at;
    state.changedBy = event.by;
    if (event.kind === 'responsible') state.responsibleId = event.to;
    else if (event.kind === 'deadline') state.deadline = event.to;
    else {
      state.status = event.to;
      state.statusChangedAt = event.at;
      state.statusChangedBy = event.by;
      if (event.to === '3' && state.dateStart === null) state.dateStart = event.at;
      const closes = event.to === '5' || event.to === '7';
      state.closedDate = closes ? event.at : null;
      state.closedBy = closes ? event.by : null;
    }
  }
  return state;
}
