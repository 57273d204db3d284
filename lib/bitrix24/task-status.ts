/**
 * Bitrix24's task status codes (b24restdocs `api-reference/tasks/fields.md`, `status`: 2 waiting,
 * 3 in progress, 4 awaiting control, 5 completed, 6 postponed), plus two the tasks module still
 * keeps: 1 new (older tasks never touched) and 7 declined (no longer offered).
 */
export const taskStatus = {
  new: 1,
  pending: 2,
  inProgress: 3,
  awaitingReview: 4,
  completed: 5,
  deferred: 6,
  declined: 7,
} as const;

/** Not yet done: new, pending, in progress and awaiting review. */
export const openTaskStatuses: readonly number[] = [
  taskStatus.new,
  taskStatus.pending,
  taskStatus.inProgress,
  taskStatus.awaitingReview,
];

/** Waiting to be taken into work (new counts as pending). */
export const pendingTaskStatuses: readonly number[] = [taskStatus.new, taskStatus.pending];
