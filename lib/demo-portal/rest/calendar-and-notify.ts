import { formatPortalDate, parsePortalDate } from '@/lib/bitrix24/portal-dates';
import { RestError } from './rest-error';
import type { RestMethod } from './rest-method';

/** calendar.section.get, calendar.settings.get, calendar.event.add, calendar.event.getbyid and im.notify.system.add (docs/bitrix24.md, "Answers as Bitrix24 documents them"). */
export const calendarSectionGet: RestMethod = {
  scope: 'calendar',
  handle(context, params) {
    const ownerId = Number(params.ownerId ?? context.caller.userId);
    return {
      result: [
        {
          ID: String(ownerId * 10 + 1),
          NAME: 'Мой календарь',
          CAL_TYPE: String(params.type ?? 'user'),
          OWNER_ID: String(ownerId),
          PERM: { add: true, edit: true },
        },
      ],
    };
  },
};

/** The main calendar settings: the company file's, or the documented example's (docs/bitrix24.md, "The working calendar"). */
export const calendarSettingsGet: RestMethod = {
  scope: 'calendar',
  handle(context) {
    return {
      result: {
        ...context.state.calendarSettings,
        user_name_template: '#NAME# #LAST_NAME#',
        sync_by_push: false,
        user_show_login: true,
        path_to_user: '/company/personal/user/#user_id#/',
        path_to_user_calendar: '/company/personal/user/#user_id#/calendar/',
        dep_manager_sub: true,
        denied_superpose_types: [],
      },
    };
  },
};

export const calendarEventAdd: RestMethod = {
  scope: 'calendar',
  handle(context, params) {
    for (const name of ['type', 'ownerId', 'name', 'from', 'to']) {
      if (params[name] === undefined || params[name] === '') {
        throw new RestError(400, '', `The required parameter "${name}" for the method "calendar.event.add" is not set`);
      }
    }
    const { state } = context;
    const from = parsePortalDate(String(params.from), state.offset);
    const to = parsePortalDate(String(params.to), state.offset);
    if (from === null || to === null || to < from)
      throw new RestError(400, '', 'An error occurred while creating the event');
    const attendees = (Array.isArray(params.attendees) ? params.attendees : [])
      .map(Number)
      .filter((id) => state.users.has(id));
    const id = state.addCalendarEvent({
      ownerId: Number(params.ownerId),
      type: String(params.type),
      name: String(params.name),
      from: formatPortalDate(from, state.offset),
      to: formatPortalDate(to, state.offset),
      attendees: params.is_meeting === 'Y' && attendees.length > 0 ? attendees : [context.caller.userId],
      description: String(params.description ?? ''),
      section: Number(params.section ?? 0),
    });
    return { result: id };
  },
};

/** One event by id, with its attendees, as the portal's calendar.event.getbyid answers. */
export const calendarEventGetById: RestMethod = {
  scope: 'calendar',
  handle(context, params) {
    const event = context.state.calendarEvents.find((candidate) => candidate.id === Number(params.id));
    if (!event) throw new RestError(400, '', 'Event not found');
    return {
      result: {
        ID: String(event.id),
        NAME: event.name,
        DATE_FROM: event.from,
        DATE_TO: event.to,
        DESCRIPTION: event.description,
        OWNER_ID: String(event.ownerId),
        CAL_TYPE: event.type,
        IS_MEETING: event.attendees.length > 0,
        SECTION_ID: String(event.section),
        ATTENDEE_LIST: event.attendees.map((id) => ({
          id,
          entryId: String(event.id),
          status: id === event.ownerId ? 'H' : 'Q',
        })),
      },
    };
  },
};

export const imNotifySystemAdd: RestMethod = {
  scope: 'im',
  handle(context, params) {
    const userId = Number(params.USER_ID ?? params.user_id);
    if (!Number.isInteger(userId) || userId <= 0) throw new RestError(400, 'USER_ID_EMPTY', "User ID can't be empty");
    // The method trims the text before sending (api-reference/chats/notifications/im-notify-system-add.md).
    const message = String(params.MESSAGE ?? params.message ?? '').trim();
    if (!message) throw new RestError(400, 'MESSAGE_EMPTY', "Message can't be empty");
    // No one to tell: the documented `false` for a notification that was not created.
    if (!context.state.users.has(userId)) return { result: false };
    return { result: context.state.addNotification(userId, message, context.caller.userId) };
  },
};
