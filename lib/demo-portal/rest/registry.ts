import { RestError } from './rest-error';
import type { RestAnswer, RestContext, RestMethod } from './rest-method';
import {
  calendarEventAdd,
  calendarEventGetById,
  calendarSectionGet,
  calendarSettingsGet,
  imNotifySystemAdd,
} from './calendar-and-notify';
import { departmentGet, userCurrent, userGet } from './directory';
import { flowGet } from './flows';
import { appInfo, eventBind, eventGet, eventUnbind, methodGet, profile, scope, serverTime, userAdmin } from './system';
import { tasksTaskGet, tasksTaskHistoryList, tasksTaskList } from './task-list';
import {
  tasksTaskAdd,
  tasksTaskApprove,
  tasksTaskComplete,
  tasksTaskDefer,
  tasksTaskDelete,
  tasksTaskPause,
  tasksTaskRenew,
  tasksTaskStart,
  tasksTaskUpdate,
} from './task-write';

/** Every method the demo portal answers, by lower-case name (method names are case-insensitive). */
const methods = new Map<string, RestMethod>([
  ['tasks.task.list', tasksTaskList],
  ['tasks.task.get', tasksTaskGet],
  ['tasks.task.add', tasksTaskAdd],
  ['tasks.task.update', tasksTaskUpdate],
  ['tasks.task.start', tasksTaskStart],
  ['tasks.task.pause', tasksTaskPause],
  ['tasks.task.defer', tasksTaskDefer],
  ['tasks.task.renew', tasksTaskRenew],
  ['tasks.task.complete', tasksTaskComplete],
  ['tasks.task.approve', tasksTaskApprove],
  ['tasks.task.delete', tasksTaskDelete],
  ['tasks.task.history.list', tasksTaskHistoryList],
  ['tasks.flow.flow.get', flowGet],
  ['user.get', userGet],
  ['user.current', userCurrent],
  ['user.admin', userAdmin],
  ['department.get', departmentGet],
  ['calendar.section.get', calendarSectionGet],
  ['calendar.settings.get', calendarSettingsGet],
  ['calendar.event.add', calendarEventAdd],
  ['calendar.event.getbyid', calendarEventGetById],
  ['im.notify.system.add', imNotifySystemAdd],
  ['server.time', serverTime],
  ['event.bind', eventBind],
  ['event.get', eventGet],
  ['event.unbind', eventUnbind],
  ['scope', scope],
  ['profile', profile],
  ['app.info', appInfo],
]);
methods.set(
  'method.get',
  methodGet((name) => methods.has(name)),
);

export const allScopes = ['basic', 'task', 'user', 'department', 'calendar', 'im'];

export function findMethod(name: string): RestMethod | undefined {
  return methods.get(name.toLowerCase());
}

/** Runs one method for the context's caller, checking the method's scope. */
export async function dispatch(
  context: RestContext,
  name: string,
  params: Record<string, unknown>,
): Promise<RestAnswer> {
  const method = findMethod(name);
  if (!method) throw new RestError(404, 'ERROR_METHOD_NOT_FOUND', 'Method not found!');
  if (method.scope !== 'basic' && !context.caller.scopes.includes(method.scope))
    throw new RestError(
      403,
      'insufficient_scope',
      'The request requires higher privileges than provided by the access token',
    );
  return method.handle(context, params);
}
