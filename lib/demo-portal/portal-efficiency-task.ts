import type { EfficiencyTask } from '@/lib/metrics/flow-efficiency';
import { parsePortalDate } from '@/lib/bitrix24/portal-dates';
import type { HistoryRow, PortalTask } from './company';

/**
 * A portal task and its history rows as the efficiency rule takes them: the earlier deadline,
 * status and assignee of each change, so violations start and end where the tasks module's do.
 */
export function portalEfficiencyTask(task: PortalTask, history: readonly HistoryRow[]): EfficiencyTask {
  const changes = (field: string) =>
    history
      .filter((row) => row.field === field)
      .map((row) => ({ from: row.value.from, changedAt: parsePortalDate(row.createdDate)! }));
  return {
    createdBy: task.createdBy,
    responsibleId: task.responsibleId,
    status: task.status,
    createdDate: parsePortalDate(task.createdDate)!,
    closedDate: parsePortalDate(task.closedDate),
    deadline: parsePortalDate(task.deadline),
    deadlineChanges: changes('DEADLINE').map((change) => ({
      from: parsePortalDate(change.from),
      changedAt: change.changedAt,
    })),
    statusChanges: changes('STATUS').map((change) => ({
      from: String(change.from ?? ''),
      changedAt: change.changedAt,
    })),
    responsibleChanges: changes('RESPONSIBLE_ID').map((change) => ({
      from: String(change.from ?? ''),
      changedAt: change.changedAt,
    })),
  };
}
