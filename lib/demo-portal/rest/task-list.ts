import { formatHistoryDate } from '@/lib/bitrix24/history-dates';
import { parsePortalDate } from '@/lib/bitrix24/portal-dates';
import type { StoredTask } from '../portal-state';
import { parseFilterKey, type FilterOperator } from './filter-key';
import { RestError } from './rest-error';
import type { RestContext, RestMethod } from './rest-method';
import { canReadTask } from './task-access';
import { subStatus, taskFieldNames, taskForResponse } from './task-shape';

/**
 * tasks.task.list (docs/bitrix24.md, "Answers as Bitrix24 documents them"): filters with `!`, `<`, `<=`, `>`, `>=` prefixes and
 * arrays as IN, `STATUS` meta values (-1 overdue, -3 almost overdue), order on the documented
 * keys (default ID desc), `select`, pages of 50 by `start`, and `start = -1` without counting.
 */
const dateKeys = new Set([
  'CREATED_DATE',
  'CHANGED_DATE',
  'CLOSED_DATE',
  'DEADLINE',
  'DATE_START',
  'STATUS_CHANGED_DATE',
  'ACTIVITY_DATE',
]);
const sortable = new Set([
  'ID',
  'TITLE',
  'GROUP_ID',
  'DATE_START',
  'CREATED_DATE',
  'CHANGED_DATE',
  'CLOSED_DATE',
  'ACTIVITY_DATE',
  'DEADLINE',
  'REAL_STATUS',
  'STATUS',
  'PRIORITY',
]);
const pageSize = 50;

type Condition = { field: string; op: FilterOperator; values: string[] };

function conditions(filter: unknown): Condition[] {
  if (!filter || typeof filter !== 'object') return [];
  return Object.entries(filter as Record<string, unknown>).map(([rawKey, value]) => {
    const values = (Array.isArray(value) ? value : [value]).map((item) => String(item ?? ''));
    return { ...parseFilterKey(rawKey), values };
  });
}

function compare(a: number | string, b: number | string): number {
  return typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b));
}

function fieldValue(stored: StoredTask, field: string, now: number): number | string | null {
  if (field === 'STATUS') return Number(subStatus(stored, now));
  const key = taskFieldNames[field];
  if (!key) return null;
  const raw = stored.record[key];
  if (dateKeys.has(field)) return typeof raw === 'string' ? parsePortalDate(raw) : null;
  if (typeof raw === 'string' && /^-?\d+$/.test(raw)) return Number(raw);
  return (raw as string | null) ?? null;
}

function matches(stored: StoredTask, condition: Condition, context: RestContext, now: number): boolean {
  const { field, op, values } = condition;
  if (field === 'FLOW_ID' && !context.options.flowIdFilter) return true;
  if (field === 'STATUS' && values.some((v) => v === '-1' || v === '-3')) {
    const meta = subStatus(stored, now);
    const hit = values.includes(meta) || values.includes(stored.record.status);
    return op === '!' ? !hit : hit;
  }
  const actual = fieldValue(stored, field, now);
  const targets = values.map((v) => (dateKeys.has(field) ? parsePortalDate(v) : /^-?\d+$/.test(v) ? Number(v) : v));
  if (op === '%')
    return targets.some((t) =>
      String(actual ?? '')
        .toLowerCase()
        .includes(String(t).toLowerCase()),
    );
  if (op === '=' || op === '!') {
    const hit = targets.some((t) =>
      t === '' || t === null ? actual === null || actual === 0 || actual === '' : actual === t,
    );
    return op === '=' ? hit : !hit;
  }
  if (actual === null) return false;
  return targets.every((t) => {
    if (t === null) return false;
    const difference = compare(actual, t);
    return op === '<' ? difference < 0 : op === '<=' ? difference <= 0 : op === '>' ? difference > 0 : difference >= 0;
  });
}

function ordering(order: unknown): [string, 1 | -1][] {
  if (!order || typeof order !== 'object' || Object.keys(order).length === 0) return [['ID', -1]];
  return Object.entries(order as Record<string, unknown>).map(([key, direction]) => {
    const field = key.toUpperCase();
    if (!sortable.has(field)) throw new RestError(400, '0', 'Invalid sorting key (internal error)');
    return [field, String(direction).toLowerCase() === 'desc' ? -1 : 1];
  });
}

function selection(select: unknown): string[] | null {
  if (select === undefined || select === null || select === '') return null;
  return (Array.isArray(select) ? select : [select]).map(String);
}

export const tasksTaskList: RestMethod = {
  scope: 'task',
  cost: 0.05,
  handle(context, params) {
    const now = Date.now();
    const filters = conditions(params.filter ?? params.FILTER);
    const order = ordering(params.order ?? params.ORDER);
    const select = selection(params.select ?? params.SELECT);
    const start = Number(params.start ?? params.START ?? 0);
    const counting = start !== -1;
    const { tasks } = context.state;

    // The fast path of full scans: ascending id after a `>ID` cursor, without counting.
    const cursor = filters.find((c) => c.field === 'ID' && c.op === '>');
    const ascendingById = order.length === 1 && order[0]![0] === 'ID' && order[0]![1] === 1;
    let page: StoredTask[];
    let total = 0;
    if (!counting && ascendingById) {
      page = [];
      // Ids ascend, so an upper bound on ID ends the walk, as the primary key's index would.
      const bound = Math.min(
        ...filters
          .filter((c) => c.field === 'ID' && (c.op === '<' || c.op === '<='))
          .map((c) => Number(c.values[0]) + (c.op === '<' ? 0 : 1))
          .filter(Number.isFinite),
      );
      for (
        let index = cursor ? context.state.firstAfter(Number(cursor.values[0])) : 0;
        index < tasks.length && page.length < pageSize && Number(tasks[index]!.record.id) < bound;
        index++
      ) {
        const stored = tasks[index]!;
        if (canReadTask(context, stored) && filters.every((c) => matches(stored, c, context, now))) page.push(stored);
      }
    } else {
      const found = tasks.filter(
        (stored) => canReadTask(context, stored) && filters.every((c) => matches(stored, c, context, now)),
      );
      found.sort((a, b) => {
        for (const [field, direction] of order) {
          const x = fieldValue(a, field, now);
          const y = fieldValue(b, field, now);
          if (x === y) continue;
          if (x === null) return 1;
          if (y === null) return -1;
          return compare(x, y) * direction;
        }
        return 0;
      });
      const offset = counting ? Math.max(0, Math.floor(start / pageSize) * pageSize) : 0;
      page = found.slice(offset, offset + pageSize);
      total = counting ? found.length : 0;
      if (counting && offset + pageSize < found.length) {
        return {
          result: { tasks: page.map((s) => taskForResponse(context.state, s, select, now)) },
          total,
          next: offset + pageSize,
        };
      }
    }
    return { result: { tasks: page.map((s) => taskForResponse(context.state, s, select, now)) }, total };
  },
};

export const tasksTaskGet: RestMethod = {
  scope: 'task',
  handle(context, params) {
    const raw = params.taskId ?? params.TASKID ?? params.id;
    if (raw === undefined)
      throw new RestError(
        400,
        '100',
        'CTaskItem All parameters in the constructor must have real class type (internal error)',
      );
    if (!/^\d+$/.test(String(raw))) throw new RestError(400, '0', 'wrong task id');
    const stored = context.state.task(Number(raw));
    // A missing or inaccessible task is an empty result, not an error (docs/bitrix24.md, "Answers as Bitrix24 documents them").
    if (!stored || !canReadTask(context, stored)) return { result: [] };
    return { result: { task: taskForResponse(context.state, stored, selection(params.select), Date.now()) } };
  },
};

/**
 * A deadline in a history row: `CTaskLog::UnifyFields` stores `MakeTimeStamp(value)` less the
 * time-zone offset, i.e. Unix seconds, and an empty deadline as "" (bitrix24-core-corp:
 * modules/tasks/classes/general/tasklog.php).
 */
function historyDeadline(value: string | null): string {
  const time = value === null ? null : parsePortalDate(value);
  return time === null ? '' : formatHistoryDate(time);
}

export const tasksTaskHistoryList: RestMethod = {
  scope: 'task',
  handle(context, params) {
    const taskId = Number(params.taskId ?? params.TASKID);
    const filter = (params.filter ?? {}) as Record<string, unknown>;
    const order = String(((params.order ?? {}) as Record<string, unknown>).createdDate ?? 'desc').toLowerCase();
    let rows = [...(context.state.history.get(taskId) ?? [])];
    if (filter.FIELD) rows = rows.filter((row) => row.field === String(filter.FIELD));
    rows.sort(
      (a, b) =>
        (parsePortalDate(a.createdDate)! - parsePortalDate(b.createdDate)!) * (order === 'asc' ? 1 : -1) ||
        Number(a.id) - Number(b.id),
    );
    // As the module stores and the docs print them: integer ids, and a deadline as Unix seconds ("" for none).
    const list = rows.map(({ taskId: _taskId, ...row }) => {
      const user = context.state.users.get(Number(row.user.id));
      const value =
        row.field === 'DEADLINE'
          ? { from: historyDeadline(row.value.from), to: historyDeadline(row.value.to) }
          : row.value;
      return {
        ...row,
        id: Number(row.id),
        value,
        user: {
          id: Number(row.user.id),
          name: user?.NAME ?? '',
          lastName: user?.LAST_NAME ?? '',
          secondName: user?.SECOND_NAME ?? '',
          login: user?.EMAIL ?? '',
        },
      };
    });
    return { result: { list } };
  },
};
