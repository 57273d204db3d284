import type { DocumentedAnswer } from './documented-answer';

/**
 * Meetings and notifications: calendar.event.add, im.notify.system.add.
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

export const imNotifySystemAdd: DocumentedAnswer = {
  source: 'api-reference/chats/notifications/im-notify-system-add.md',
  status: 200,
  body: {
    result: 12345,
    time: {
      start: 1760000000,
      finish: 1760000000.1,
      duration: 0.1,
      processing: 0.04,
      date_start: '2026-03-02T09:30:00+01:00',
      date_finish: '2026-03-02T09:30:00+01:00',
      operating_reset_at: 1760030000,
      operating: 0,
    },
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
