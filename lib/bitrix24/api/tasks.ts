import { z } from 'zod';
import type { Bitrix24Client } from '../client';
import {
  historyRowSchema,
  portalTaskSchema,
  taskListResultSchema,
  type HistoryRowData,
  type PortalTaskData,
} from '../schemas';

/** The task fields Flowpilot mirrors (request names). */
export const mirroredTaskFields = [
  'ID',
  'TITLE',
  'DESCRIPTION',
  'STATUS',
  'CREATED_BY',
  'RESPONSIBLE_ID',
  'FLOW_ID',
  'GROUP_ID',
  'CREATED_DATE',
  'CHANGED_DATE',
  'STATUS_CHANGED_DATE',
  'DATE_START',
  'DEADLINE',
  'CLOSED_DATE',
  'TASK_CONTROL',
  'COMMENTS_COUNT',
];

/**
 * Every task matching `filter`, by the fast cursor: ascending id, `>ID`, `start = -1`.
 * Yields pages of up to 50; `afterId` resumes a scan that was cut off.
 */
export function scanTasks(
  client: Bitrix24Client,
  options: { filter?: Record<string, unknown>; select?: string[]; afterId?: number } = {},
): AsyncGenerator<PortalTaskData[]> {
  return client.listByCursor('tasks.task.list', {
    params: (lastId) => ({
      filter: { ...options.filter, '>ID': lastId },
      select: options.select ?? mirroredTaskFields,
      order: { ID: 'asc' },
      start: -1,
    }),
    row: portalTaskSchema,
    rows: (result) => taskListResultSchema.parse(result).tasks,
    idOf: (task) => Number(task.id),
    afterId: options.afterId,
  });
}

/** The highest task id on the portal (0 when there are none). */
export async function highestTaskId(client: Bitrix24Client): Promise<number> {
  const { result } = await client.call(
    'tasks.task.list',
    { select: ['ID'], order: { ID: 'desc' }, start: -1 },
    taskListResultSchema,
  );
  const first = result.tasks[0] as { id?: unknown } | undefined;
  return first ? Number(first.id) : 0;
}

/**
 * A full scan with the fewest requests: each batch carries 50 list calls over disjoint id
 * ranges of 50, and a range of 50 ids cannot hold more than one page, so nothing is missed and
 * no call depends on another. 2,500 tasks per request where ids are dense. Yields the tasks of
 * each batch in id order with the highest id the batch covered (a checkpoint: every id up to it
 * has been seen); `afterId` resumes.
 */
export type TaskIdRangeBatch<T = PortalTaskData> = { tasks: T[]; throughId: number };

async function* scanIdRanges<T>(
  client: Bitrix24Client,
  row: z.ZodType<T>,
  options: { select: string[]; afterId?: number; upToId?: number },
): AsyncGenerator<TaskIdRangeBatch<T>> {
  const last = options.upToId ?? (await highestTaskId(client));
  for (let from = options.afterId ?? 0; from < last; from += 50 * 50) {
    const commands: Record<string, { method: string; params: Record<string, unknown> }> = {};
    let throughId = from;
    for (let index = 0; index < 50 && from + index * 50 < last; index++) {
      const low = from + index * 50;
      commands[`r${index}`] = {
        method: 'tasks.task.list',
        params: { filter: { '>ID': low, '<=ID': low + 50 }, select: options.select, order: { ID: 'asc' }, start: -1 },
      };
      throughId = Math.min(low + 50, last);
    }
    const { results, errors } = await client.batch(commands);
    const firstError = Object.values(errors)[0];
    if (firstError) throw firstError;
    const tasks = Object.keys(commands).flatMap((key) =>
      z.array(row).parse(taskListResultSchema.parse(results[key]).tasks),
    );
    yield { tasks, throughId };
  }
}

export function scanAllTasksInBatches(
  client: Bitrix24Client,
  options: { select?: string[]; afterId?: number; upToId?: number } = {},
): AsyncGenerator<TaskIdRangeBatch> {
  return scanIdRanges(client, portalTaskSchema, { ...options, select: options.select ?? mirroredTaskFields });
}

/** The same scan reading ids only: which tasks exist (finding the ones deleted on the portal). */
export function scanTaskIdsInBatches(
  client: Bitrix24Client,
  options: { afterId?: number; upToId?: number } = {},
): AsyncGenerator<TaskIdRangeBatch<number>> {
  return scanIdRanges(
    client,
    z.object({ id: z.coerce.number().int() }).transform((task) => task.id),
    { ...options, select: ['ID'] },
  );
}

/** How many tasks match `filter`, from the list's `total` (one request). */
export async function countTasks(client: Bitrix24Client, filter: Record<string, unknown> = {}): Promise<number> {
  const { total, result } = await client.call(
    'tasks.task.list',
    { filter, select: ['ID'], start: 0 },
    taskListResultSchema,
  );
  return total ?? result.tasks.length;
}

/** The same list by offset pages (`start` / `next`), which also reports the total. */
export function pageTasks(
  client: Bitrix24Client,
  options: { filter?: Record<string, unknown>; select?: string[]; order?: Record<string, string> } = {},
) {
  return client.listByOffset(
    'tasks.task.list',
    {
      filter: options.filter ?? {},
      select: options.select ?? mirroredTaskFields,
      order: options.order ?? { ID: 'asc' },
    },
    portalTaskSchema,
    (result) => taskListResultSchema.parse(result).tasks,
  );
}

/** One task, or null when it does not exist or is not accessible (the portal answers `[]`). */
export async function getTask(client: Bitrix24Client, taskId: number): Promise<PortalTaskData | null> {
  const { result } = await client.call('tasks.task.get', { taskId, select: ['*'] });
  if (Array.isArray(result)) return null;
  return portalTaskSchema.parse(z.object({ task: z.unknown() }).parse(result).task);
}

/** Creates a task (in a flow when FLOW_ID is given: the flow assigns it and sets the deadline). */
export async function addTask(client: Bitrix24Client, fields: Record<string, unknown>): Promise<PortalTaskData> {
  const { result } = await client.call('tasks.task.add', { fields }, z.object({ task: portalTaskSchema }));
  return result.task;
}

/** A task's history, oldest first, optionally one field only. */
export async function taskHistory(client: Bitrix24Client, taskId: number, field?: string): Promise<HistoryRowData[]> {
  const { result } = await client.call(
    'tasks.task.history.list',
    { taskId, ...(field ? { filter: { FIELD: field } } : {}), order: { createdDate: 'asc' } },
    z.object({ list: z.array(historyRowSchema) }),
  );
  return result.list;
}

/** Histories of many tasks, 50 per request. */
export async function taskHistories(client: Bitrix24Client, taskIds: number[]): Promise<Map<number, HistoryRowData[]>> {
  const histories = new Map<number, HistoryRowData[]>();
  for (let start = 0; start < taskIds.length; start += 50) {
    const chunk = taskIds.slice(start, start + 50);
    const { results, errors } = await client.batch(
      Object.fromEntries(
        chunk.map((id) => [
          `h${id}`,
          { method: 'tasks.task.history.list', params: { taskId: id, order: { createdDate: 'asc' } } },
        ]),
      ),
    );
    for (const id of chunk) {
      const error = errors[`h${id}`];
      // A task deleted since it was listed has no history to read; anything else is a real failure.
      if (error?.kind === 'invalid-request') histories.set(id, []);
      else if (error) throw error;
      else histories.set(id, z.object({ list: z.array(historyRowSchema) }).parse(results[`h${id}`]).list);
    }
  }
  return histories;
}
