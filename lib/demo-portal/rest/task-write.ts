import { formatPortalDate, parsePortalDate } from '@/lib/bitrix24/portal-dates';
import { RestError } from './rest-error';
import type { RestContext, RestMethod } from './rest-method';
import { taskForResponse } from './task-shape';

/**
 * Task writes (docs/bitrix24.md, "Answers as Bitrix24 documents them"): add (a flow assigns by its distribution type and sets
 * the deadline from its planned time), update, the status methods, delete. Each writes history
 * rows and fires the matching event.
 */
function fieldsOf(params: Record<string, unknown>): Record<string, unknown> {
  const fields = params.fields ?? params.FIELDS;
  if (!fields || typeof fields !== 'object')
    throw new RestError(400, '100', 'Could not find value for parameter {fields}');
  return Object.fromEntries(
    Object.entries(fields as Record<string, unknown>).map(([key, value]) => [key.toUpperCase(), value]),
  );
}

function taskIdOf(params: Record<string, unknown>): number {
  const raw = params.taskId ?? params.TASKID ?? params.id;
  if (raw === undefined || !/^\d+$/.test(String(raw))) throw new RestError(400, '0', 'wrong task id');
  return Number(raw);
}

function existingTask(context: RestContext, params: Record<string, unknown>) {
  const id = taskIdOf(params);
  if (!context.state.task(id)) throw new RestError(400, 'ERROR_CORE', 'Task not found or not accessible<br>');
  return id;
}

function answer(context: RestContext, id: number) {
  return { result: { task: taskForResponse(context.state, context.state.task(id)!, null, Date.now()) } };
}

export const tasksTaskAdd: RestMethod = {
  scope: 'task',
  handle(context, params) {
    const fields = fieldsOf(params);
    const { state, caller } = context;
    const title = String(fields.TITLE ?? '').trim();
    if (!title) throw new RestError(400, 'ERROR_CORE', 'Task title is not specified<br>');
    const flowId =
      fields.FLOW_ID === undefined || fields.FLOW_ID === '' || Number(fields.FLOW_ID) === 0
        ? null
        : Number(fields.FLOW_ID);
    const named = flowId === null ? undefined : state.flows.get(flowId);
    if (flowId !== null && !named) throw new RestError(400, 'ERROR_CORE', 'Поток не найден<br>');
    // An inactive flow only loses FLOW_ID: the task is made with the fields given (FlowFieldHandler::modify).
    const flow = named?.active ? named : undefined;
    const createdBy = fields.CREATED_BY === undefined ? caller.userId : Number(fields.CREATED_BY);
    let responsibleId = fields.RESPONSIBLE_ID === undefined ? null : Number(fields.RESPONSIBLE_ID);
    if (flow) responsibleId = state.assigneeFor(flow, createdBy);
    if (responsibleId === null) throw new RestError(400, 'ERROR_CORE', 'Assignee not specified<br>');
    if (!state.users.has(responsibleId)) throw new RestError(400, 'ERROR_CORE', 'Assignee not found<br>');
    const deadline = flow
      ? state.flowDeadlineFor(flow, Date.now())
      : fields.DEADLINE
        ? formatPortalDate(parsePortalDate(String(fields.DEADLINE), state.offset) ?? Date.now(), state.offset)
        : null;
    const stored = state.addTask({
      title,
      description: String(fields.DESCRIPTION ?? ''),
      createdBy,
      responsibleId,
      flow,
      deadline,
      priority: ['0', '1', '2'].includes(String(fields.PRIORITY)) ? String(fields.PRIORITY) : '1',
      groupId: flow?.groupId ?? Number(fields.GROUP_ID ?? 0),
    });
    context.options.fireEvent('ONTASKADD', Number(stored.record.id));
    return answer(context, Number(stored.record.id));
  },
};

export const tasksTaskUpdate: RestMethod = {
  scope: 'task',
  handle(context, params) {
    const id = existingTask(context, params);
    const fields = fieldsOf(params);
    if (Object.keys(fields).length === 0)
      throw new RestError(400, '100', 'Could not find value for parameter {fields}');
    if (fields.STATUS !== undefined && !['1', '2', '3', '4', '5', '6', '7'].includes(String(fields.STATUS))) {
      throw new RestError(400, 'ERROR_CORE', 'Incorrect status<br>');
    }
    const { state, caller } = context;
    state.updateTask(id, caller.userId, {
      status: fields.STATUS === undefined ? undefined : String(fields.STATUS),
      responsibleId: fields.RESPONSIBLE_ID === undefined ? undefined : Number(fields.RESPONSIBLE_ID),
      deadline:
        fields.DEADLINE === undefined
          ? undefined
          : fields.DEADLINE
            ? formatPortalDate(parsePortalDate(String(fields.DEADLINE), state.offset) ?? Date.now(), state.offset)
            : null,
      title: fields.TITLE === undefined ? undefined : String(fields.TITLE),
      description: fields.DESCRIPTION === undefined ? undefined : String(fields.DESCRIPTION),
    });
    context.options.fireEvent('ONTASKUPDATE', id);
    return answer(context, id);
  },
};

/** The dedicated status methods; complete goes to review (4) when the task is under the creator's control. */
function statusMethod(target: (taskControl: boolean) => string): RestMethod {
  return {
    scope: 'task',
    handle(context, params) {
      const id = existingTask(context, params);
      const stored = context.state.task(id)!;
      context.state.updateTask(id, context.caller.userId, { status: target(stored.record.taskControl === 'Y') });
      context.options.fireEvent('ONTASKUPDATE', id);
      return answer(context, id);
    },
  };
}

export const tasksTaskStart = statusMethod(() => '3');
export const tasksTaskPause = statusMethod(() => '2');
export const tasksTaskDefer = statusMethod(() => '6');
export const tasksTaskRenew = statusMethod(() => '2');
export const tasksTaskComplete = statusMethod((taskControl) => (taskControl ? '4' : '5'));
export const tasksTaskApprove = statusMethod(() => '5');

export const tasksTaskDelete: RestMethod = {
  scope: 'task',
  handle(context, params) {
    const id = existingTask(context, params);
    context.state.deleteTask(id);
    context.options.fireEvent('ONTASKDELETE', id);
    return { result: { task: true } };
  },
};
