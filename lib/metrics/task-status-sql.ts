import { openTaskStatuses, pendingTaskStatuses, taskStatus } from '@/lib/bitrix24/task-status';
import { Prisma } from '@/lib/db/generated/client';

const literal = (codes: readonly number[]) => Prisma.raw(codes.join(', '));

/**
 * Bitrix24's status codes (lib/bitrix24/task-status.ts) as SQL, written into the statement
 * rather than bound, so the planner sees the same constants as the indexes' queries always did.
 */
export const statusSql = {
  open: literal(openTaskStatuses),
  /** New or pending: not taken into work yet. */
  waiting: literal(pendingTaskStatuses),
  pending: literal([taskStatus.pending]),
  inProgress: literal([taskStatus.inProgress]),
  awaitingReview: literal([taskStatus.awaitingReview]),
  completed: literal([taskStatus.completed]),
  deferred: literal([taskStatus.deferred]),
  /** Statuses the cumulative flow counts: open and completed. */
  openOrCompleted: literal([...openTaskStatuses, taskStatus.completed]),
};
