import type { DocumentedAnswer } from './documented-answer';

/**
 * Meetings, the working calendar and notifications: calendar.event.add, calendar.settings.get,
 * im.notify.system.add.
 * Transcribed from the example answers of the official REST docs (bitrix24/b24restdocs); each
 * `source` is the page. Values as the docs print them; where they elide a value its structure stays.
 */

export const calendarEventAdd: DocumentedAnswer = {
  source: 'api-reference/calendar/calendar-event/calendar-event-add.md',
  status: 200,
  body: {
    result: 1246,
    time: {
      start: 1733318565.183275,
      finish: 1733318565.695058,
      duration: 0.5117831230163574,
      processing: 0.29406094551086426,
      date_start: '2024-12-04T13:22:45+00:00',
      date_finish: '2024-12-04T13:22:45+00:00',
    },
  },
};

/** The error code is empty: the text says what is wrong. */
export const calendarEventAddNoName: DocumentedAnswer = {
  source: 'api-reference/calendar/calendar-event/calendar-event-add.md',
  status: 400,
  body: {
    error: '',
    error_description: 'The required parameter "name" for the method "calendar.event.add" is not set',
  },
};

/** The `time` block of im.notify.system.add's documented answers. */
const notifyTime = {
  start: 1760000000,
  finish: 1760000000.1,
  duration: 0.1,
  processing: 0.04,
  date_start: '2026-03-02T09:30:00+01:00',
  date_finish: '2026-03-02T09:30:00+01:00',
  operating_reset_at: 1760030000,
  operating: 0,
};

export const imNotifySystemAdd: DocumentedAnswer = {
  source: 'api-reference/chats/notifications/im-notify-system-add.md',
  status: 200,
  body: {
    result: 12345,
    time: notifyTime,
  },
};

/** "If the notification was not created, it may return `false`" (Returned Data). */
export const imNotifySystemAddNotCreated: DocumentedAnswer = {
  source: 'api-reference/chats/notifications/im-notify-system-add.md',
  status: 200,
  body: {
    result: false,
    time: notifyTime,
  },
};

export const imNotifySystemAddNoUser: DocumentedAnswer = {
  source: 'api-reference/chats/notifications/im-notify-system-add.md',
  status: 400,
  body: {
    error: 'USER_ID_EMPTY',
    error_description: "User ID can't be empty",
  },
};

export const calendarSettingsGet: DocumentedAnswer = {
  source: 'api-reference/calendar/calendar-settings-get.md',
  status: 200,
  body: {
    result: {
      work_time_start: '9',
      work_time_end: '19',
      year_holidays: '1.01,2.01,7.01,23.02,8.03,1.05,9.05,12.06,4.11',
      year_workdays: '31.12',
      week_holidays: ['SA', 'SU'],
      week_start: 'MO',
      user_name_template: '#NAME# #LAST_NAME#',
      sync_by_push: false,
      user_show_login: true,
      path_to_user: '/company/personal/user/#user_id#/',
      path_to_user_calendar: '/company/personal/user/#user_id#/calendar/',
      path_to_group: '/workgroups/group/#group_id#/',
      path_to_group_calendar: '/workgroups/group/#group_id#/calendar/',
      path_to_vr: '',
      path_to_rm: '',
      rm_iblock_type: '',
      rm_iblock_id: '',
      dep_manager_sub: true,
      denied_superpose_types: [],
      pathes_for_sites: '',
      forum_id: '8',
      rm_for_sites: true,
      path_to_type_company_calendar: '',
      path_to_type_location: '',
      path_to_type_open_event: '',
    },
    time: {
      start: 1733924639.802569,
      finish: 1733924640.184363,
      duration: 0.3817939758300781,
      processing: 0.012382984161376953,
      date_start: '2024-12-11T13:43:59+00:00',
      date_finish: '2024-12-11T13:44:00+00:00',
    },
  },
};
