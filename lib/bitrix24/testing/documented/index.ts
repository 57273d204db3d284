import {
  calendarEventAdd,
  calendarEventAddNoName,
  calendarSettingsGet,
  imNotifySystemAdd,
  imNotifySystemAddNoUser,
  imNotifySystemAddNotCreated,
} from './calendar-and-notify';
import { departmentGet, userAdmin, userCurrent, userGet } from './directory';
import type { DocumentedAnswer, DocumentedPost } from './documented-answer';
import { onAppInstall, onAppUninstall, onTaskAdd, onTaskDelete, onTaskUpdate } from './event-posts';
import {
  eventBind,
  eventBindOfflineDenied,
  eventBindUnknownEvent,
  eventGet,
  eventUnbind,
  eventUnbindOfflineDenied,
  handlerAlreadyExists,
} from './events';
import { tasksFlowFlowGet, tasksFlowFlowGetAccessDenied, tasksFlowFlowGetNotFound } from './flows';
import {
  appInfo,
  appInfoOutsideApp,
  batch,
  batchErrors,
  batchErrorsHalted,
  profile,
  scope,
  serverTime,
} from './system';
import {
  tasksTaskAdd,
  tasksTaskAddNoTitle,
  tasksTaskGet,
  tasksTaskGetBadSelect,
  tasksTaskGetMissing,
  tasksTaskHistoryList,
  tasksTaskHistoryListDenied,
  tasksTaskList,
  tasksTaskListBadOrder,
} from './tasks';

/** Every REST method Flowpilot relies on, with the answers its docs print (success first). */
export const documentedMethods: Record<string, readonly DocumentedAnswer[]> = {
  'tasks.task.list': [tasksTaskList, tasksTaskListBadOrder],
  'tasks.task.get': [tasksTaskGet, tasksTaskGetMissing, tasksTaskGetBadSelect],
  'tasks.task.add': [tasksTaskAdd, tasksTaskAddNoTitle],
  'tasks.task.history.list': [tasksTaskHistoryList, tasksTaskHistoryListDenied],
  'tasks.flow.Flow.get': [tasksFlowFlowGet, tasksFlowFlowGetNotFound, tasksFlowFlowGetAccessDenied],
  'user.get': [userGet],
  'user.current': [userCurrent],
  'user.admin': [userAdmin],
  'department.get': [departmentGet],
  'calendar.event.add': [calendarEventAdd, calendarEventAddNoName],
  'calendar.settings.get': [calendarSettingsGet],
  'im.notify.system.add': [imNotifySystemAdd, imNotifySystemAddNotCreated, imNotifySystemAddNoUser],
  'server.time': [serverTime],
  scope: [scope],
  profile: [profile],
  'app.info': [appInfo, appInfoOutsideApp],
  batch: [batch, batchErrors, batchErrorsHalted],
  'event.bind': [eventBind, eventBindUnknownEvent, eventBindOfflineDenied, handlerAlreadyExists],
  'event.get': [eventGet],
  'event.unbind': [eventUnbind, eventUnbindOfflineDenied],
};

/** Every event Flowpilot receives, as its docs print it. */
export const documentedEvents: Record<string, DocumentedPost> = {
  ONTASKADD: onTaskAdd,
  ONTASKUPDATE: onTaskUpdate,
  ONTASKDELETE: onTaskDelete,
  ONAPPINSTALL: onAppInstall,
  ONAPPUNINSTALL: onAppUninstall,
};
