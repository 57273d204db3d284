import type { DocumentedAnswer } from './documented-answer';

/**
 * Event handlers: event.bind, event.get, event.unbind.
 * Transcribed from the example answers of the official REST docs (bitrix24/b24restdocs); each
 * `source` is the page. Values as the docs print them; where they elide a value its structure stays.
 */

export const eventBind: DocumentedAnswer = {
  source: 'api-reference/events/event-bind.md',
  status: 200,
  body: {
    result: true,
    time: {
      start: 1721296536.908506,
      finish: 1721296537.007365,
      duration: 0.09885907173156738,
      processing: 0.03251290321350098,
      date_start: '2024-07-18T11:55:36+02:00',
      date_finish: '2024-07-18T11:55:37+02:00',
      operating: 0,
    },
  },
};

export const eventBindUnknownEvent: DocumentedAnswer = {
  source: 'api-reference/events/event-bind.md',
  status: 400,
  body: {
    error: 'ERROR_EVENT_NOT_FOUND',
    error_description: 'Event not found',
  },
};

export const eventGet: DocumentedAnswer = {
  source: 'api-reference/events/event-get.md',
  status: 200,
  body: {
    result: [
      {
        event: 'ONCRMLEADADD',
        handler: 'https://www.my-domain.com/handler/',
        auth_type: '0',
        offline: 0,
      },
      {
        event: 'ONCRMLEADADD',
        handler: 'https://www.my-domain.com/handler/',
        auth_type: '15',
        offline: 0,
      },
    ],
    time: {
      start: 1721297941.536696,
      finish: 1721297941.661148,
      duration: 0.12445211410522461,
      processing: 0.0029609203338623047,
      date_start: '2024-07-18T12:19:01+02:00',
      date_finish: '2024-07-18T12:19:01+02:00',
      operating: 0,
    },
  },
};

export const eventUnbind: DocumentedAnswer = {
  source: 'api-reference/events/event-unbind.md',
  status: 200,
  body: {
    result: {
      count: 1,
    },
    time: {
      start: 1721298360.468008,
      finish: 1721298360.553977,
      duration: 0.0859689712524414,
      processing: 0.0023431777954101562,
      date_start: '2024-07-18T12:26:00+02:00',
      date_finish: '2024-07-18T12:26:00+02:00',
      operating: 0,
    },
  },
};

export const eventUnbindOfflineDenied: DocumentedAnswer = {
  source: 'api-reference/events/event-unbind.md',
  status: 403,
  body: {
    error: 'ACCESS_DENIED',
    error_description: 'Access denied! Offline events unbinding requires administrator access rights',
  },
};

/** The general error example; event.bind answers so for a handler already bound. */
export const handlerAlreadyExists: DocumentedAnswer = {
  source: 'error-codes.md',
  status: 400,
  body: {
    error: 'ERROR_HANDLER_ALREADY_EXIST',
    error_description: 'Handler already exists!',
  },
};

/** A row of the page's error table (printed without a body). */
export const eventBindOfflineDenied: DocumentedAnswer = {
  source: 'api-reference/events/event-bind.md',
  status: 403,
  body: {
    error: 'ACCESS_DENIED',
    error_description: 'Access denied! Offline events binding requires administrator access rights',
  },
};
