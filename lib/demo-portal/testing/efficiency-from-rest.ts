import { parseHistoryDate } from '@/lib/bitrix24/history-dates';
import { offsetMinutes } from '@/lib/bitrix24/portal-dates';

export type RestTask = {
  id: string;
  status: string;
  createdBy: string;
  responsibleId: string;
  createdDate: string;
  closedDate: string | null;
  deadline: string | null;
};
export type RestHistoryRow = { createdDate: string; field: string; value: { from?: string | number | null } };

const dayMs = 86_400_000;

/**
 * A flow's efficiency worked out from a portal's REST answers (its tasks and their history) by
 * the tasks module's queries (docs/bitrix24.md "Flow efficiency"), written apart from the
 * product's and the demo portal's code so that tests can check both against it: the field values
 * at each moment from the history's earlier values, a violation wherever the status is open, the
 * deadline has passed and the creator is not the assignee, and the window's test as
 * getViolationsQuery has it.
 */
export function efficiencyFromRest(
  tasks: readonly RestTask[],
  histories: ReadonlyMap<number, readonly RestHistoryRow[]>,
  now: number,
  offset: string,
): number {
  const shift = offsetMinutes(offset) * 60_000;
  const windowEnd = Math.floor((now + shift) / dayMs) * dayMs - shift + dayMs - 1000;
  const windowStart = windowEnd - 31 * dayMs + 2000;
  let total = 0;
  let violations = 0;
  for (const task of tasks) {
    if (task.createdBy === task.responsibleId) continue;
    const created = Date.parse(task.createdDate);
    const closed = task.closedDate ? Date.parse(task.closedDate) : null;
    if (task.status !== '6' && created <= windowEnd && (closed === null || closed >= windowStart)) total++;
    if (closed !== null && closed < windowStart) continue;
    const rows = [...(histories.get(Number(task.id)) ?? [])].sort(
      (a, b) => Date.parse(a.createdDate) - Date.parse(b.createdDate),
    );
    // A task without status rows was open until its close.
    if (closed !== null && !rows.some((row) => row.field === 'STATUS'))
      rows.push({ createdDate: task.closedDate!, field: 'STATUS', value: { from: '3' } });
    const valueAt = (field: string, time: number, current: string | number | null) => {
      const next = rows.find((row) => row.field === field && Date.parse(row.createdDate) > time);
      return next ? (next.value.from ?? null) : current;
    };
    const moments = [
      ...new Set([
        created,
        ...rows
          .filter((row) => ['STATUS', 'DEADLINE', 'RESPONSIBLE_ID'].includes(row.field))
          .map((row) => Date.parse(row.createdDate)),
      ]),
    ].sort((a, b) => a - b);
    const violated = moments.some((from, index) => {
      const until = moments[index + 1] ?? Infinity;
      const status = String(valueAt('STATUS', from, task.status));
      const deadlineValue = valueAt('DEADLINE', from, task.deadline);
      const deadline = deadlineValue === null || deadlineValue === '' ? null : parseHistoryDate(deadlineValue, offset);
      const responsible = String(valueAt('RESPONSIBLE_ID', from, task.responsibleId));
      if (['4', '5', '6'].includes(status) || deadline === null || responsible === task.createdBy) return false;
      const start = Math.max(from, deadline);
      return start < until && start <= Math.min(windowEnd, now) && until >= windowStart;
    });
    if (violated) violations++;
  }
  return total === 0 ? 100 : Math.max(0, Math.round(100 * (1 - violations / total)));
}
