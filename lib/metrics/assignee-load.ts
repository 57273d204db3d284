import { isOpen, isOverdue, type MetricTask } from './metric-task';
import { median } from './percentiles';

export type AssigneeLoad = { responsibleId: number; open: number; overdue: number };
export type TeamLoad = { assignees: AssigneeLoad[]; medianOpen: number; medianOverdue: number };

/**
 * Open and overdue tasks per assignee against the team median (docs/metrics.md, "Definitions": the team's load, not
 * a ranking). `team` adds members with nothing open, who pull the median down as they should.
 */
export function teamLoad(tasks: readonly MetricTask[], now: number, team: readonly number[] = []): TeamLoad {
  const byAssignee = new Map<number, AssigneeLoad>(team.map((id) => [id, { responsibleId: id, open: 0, overdue: 0 }]));
  for (const task of tasks) {
    if (!isOpen(task)) continue;
    const load = byAssignee.get(task.responsibleId) ?? { responsibleId: task.responsibleId, open: 0, overdue: 0 };
    load.open++;
    if (isOverdue(task, now)) load.overdue++;
    byAssignee.set(task.responsibleId, load);
  }
  const assignees = [...byAssignee.values()].sort((a, b) => a.responsibleId - b.responsibleId);
  return {
    assignees,
    medianOpen: median(assignees.map((a) => a.open)) ?? 0,
    medianOverdue: median(assignees.map((a) => a.overdue)) ?? 0,
  };
}
