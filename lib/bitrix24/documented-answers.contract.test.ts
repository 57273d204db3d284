import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { tokenResponse } from '@/lib/auth/bitrix24-oauth-provider';
import { refreshAnswer } from '@/lib/portals/app-token-store';
import { timeZoneOffsetOf } from '@/lib/portals/connection-report';
import { appInfoAnswer, profileAnswer, readInstallPost } from '@/lib/portals/install-app-connection';
import { readPortalTimeZone } from '@/lib/sync/portal-time-zone';
import { testPortalConnection } from '@/lib/portals/test-portal-connection';
import { parseWebhookUrl } from '@/lib/portals/webhook-url';
import { departmentPeople } from '@/lib/sync/department-people';
import { flowColumns, flowMembers } from '@/lib/sync/flow-writes';
import { mirroredTask } from '@/lib/sync/mirrored-task';
import { parsePortalEvent } from '@/lib/sync/portal-events';
import { historyChanges } from '@/lib/sync/task-histories';
import { addMeeting, notifyUser, serverTime } from './api/calendar-and-notify';
import { currentUser, listDepartments, listUsers } from './api/directory';
import { getFlow, getFlows } from './api/flows';
import { addTask, countTasks, getTask, highestTaskId, scanTasks, taskHistories, taskHistory } from './api/tasks';
import { Bitrix24Client } from './client';
import type { Bitrix24ErrorKind } from './errors';
import { encodePhpQuery } from './php-query';
import { portalTaskSchema } from './schemas';
import * as calendar from './testing/documented/calendar-and-notify';
import * as directory from './testing/documented/directory';
import type { DocumentedAnswer, Json } from './testing/documented/documented-answer';
import * as posts from './testing/documented/event-posts';
import * as events from './testing/documented/events';
import * as flows from './testing/documented/flows';
import * as oauth from './testing/documented/oauth';
import * as errors from './testing/documented/system-errors';
import * as system from './testing/documented/system';
import * as tasks from './testing/documented/tasks';
import { documentedBatch, documentedTransport, type DocumentedRoutes } from './testing/documented-transport';
import { bitrix24Failure, collectPages } from './testing/client-results';
import { readPortalWorkCalendar } from '@/lib/sync/portal-work-calendar';

/**
 * The client's parsing and the sync's mapping on the answers the official REST docs print
 * (lib/bitrix24/testing/documented/, each with its b24restdocs page), with no demo portal in
 * between: where the demo portal and the docs differ, these tests side with the docs.
 */
const webhookUrl = 'https://some-domain.bitrix24.com/rest/1/documented/';
const noWait = { now: () => Date.now(), sleep: async () => {} };

function clientFor(routes: DocumentedRoutes) {
  const transport = documentedTransport(routes);
  const client = new Bitrix24Client({
    connection: { kind: 'webhook', url: webhookUrl },
    fetch: transport.fetch,
    clock: noWait,
    maxRetries: 0,
    maxRateLimitRetries: 0,
  });
  return { client, calls: transport.calls };
}

/** The `result` of a documented answer. */
function resultOf(answer: DocumentedAnswer): Json {
  return (answer.body as { result: Json }).result;
}

/** A documented answer with another result, for rows the docs show under another method. */
function withResult(answer: DocumentedAnswer, result: Json): DocumentedAnswer {
  return { ...answer, body: { ...(answer.body as Record<string, Json>), result } };
}

/** The task object of tasks.task.add: the only example with every field (`fields.md`). */
const fullTask = (resultOf(tasks.tasksTaskAdd) as { task: Json }).task;

/**
 * The documented list and get examples select only some fields (their pages' requests): their
 * rows are checked against the schema's rules for the fields they have.
 */
function readsPresentFields(row: Json) {
  type Field = keyof typeof portalTaskSchema.shape;
  const fields = Object.keys(portalTaskSchema.shape) as Field[];
  const present: Partial<Record<Field, true>> = Object.fromEntries(
    fields.filter((key) => key in (row as object)).map((key) => [key, true]),
  );
  return portalTaskSchema.pick(present).parse(row);
}

describe('tasks', () => {
  it('tasks.task.list: the envelope, the total and the rows the docs print', async () => {
    const { client } = clientFor({ 'tasks.task.list': tasks.tasksTaskList });
    expect(await countTasks(client)).toBe(1);
    expect(await highestTaskId(client)).toBe(8017);
    const [row] = (resultOf(tasks.tasksTaskList) as { tasks: Json[] }).tasks;
    expect(readsPresentFields(row!)).toMatchObject({
      id: '8017',
      status: '2',
      responsibleId: '547',
      deadline: '2025-10-24T19:00:00+02:00',
      createdDate: '2025-06-04T16:15:55+02:00',
    });
  });

  it('tasks.task.list: a full page by the cursor, rows as tasks.task.add returns them, mapped for the mirror', async () => {
    const { client, calls } = clientFor({ 'tasks.task.list': withResult(tasks.tasksTaskList, { tasks: [fullTask] }) });
    const [task] = await collectPages(scanTasks(client));
    expect(calls).toHaveLength(1);
    expect(mirroredTask(task!, '+03:00')).toMatchObject({
      bitrixTaskId: 3711,
      bitrixFlowId: null,
      title: 'task for test',
      descriptionLength: 0,
      status: 2,
      createdBy: 1,
      responsibleId: 1,
      groupId: 0,
      createdAt: '2024-11-02T08:06:08.000Z',
      changedAt: '2024-11-02T08:06:08.000Z',
      statusChangedAt: '2024-11-02T08:06:08.000Z',
      startedAt: null,
      deadline: null,
      closedAt: null,
      taskControl: false,
      commentsCount: 0,
    });
  });

  it('tasks.task.list: an unsortable order key is the caller’s mistake, with the portal’s text', async () => {
    const { client } = clientFor({ 'tasks.task.list': tasks.tasksTaskListBadOrder });
    const error = await bitrix24Failure(countTasks(client));
    expect(error.kind).toBe('invalid-request');
    expect(error.message).toContain('Invalid sorting key');
  });

  it('tasks.task.get: the documented fields read; `[]` means missing or hidden', async () => {
    expect(readsPresentFields((resultOf(tasks.tasksTaskGet) as { task: Json }).task)).toMatchObject({
      id: '8017',
      createdBy: '503',
      responsibleId: '547',
    });
    const { client } = clientFor({ 'tasks.task.get': tasks.tasksTaskGetMissing });
    expect(await getTask(client, 8017)).toBeNull();
    const bad = await bitrix24Failure(
      getTask(clientFor({ 'tasks.task.get': tasks.tasksTaskGetBadSelect }).client, 8017),
    );
    expect(bad.kind).toBe('invalid-request');
  });

  it('tasks.task.add: the created task, and the refusal of a task without a title', async () => {
    const { client } = clientFor({ 'tasks.task.add': tasks.tasksTaskAdd });
    expect(await addTask(client, { TITLE: 'task for test', RESPONSIBLE_ID: 1 })).toMatchObject({
      id: '3711',
      flowId: null,
      createdDate: '2024-11-02T10:06:08+02:00',
    });
    const error = await bitrix24Failure(
      addTask(clientFor({ 'tasks.task.add': tasks.tasksTaskAddNoTitle }).client, { RESPONSIBLE_ID: 1 }),
    );
    expect(error.kind).toBe('invalid-request');
    expect(error.details.code).toBe('ERROR_CORE');
    expect(error.message).toContain('Task title is not specified');
  });

  it('tasks.task.history.list: integer ids, user objects; rows the mirror does not keep are skipped', async () => {
    const { client } = clientFor({ 'tasks.task.history.list': tasks.tasksTaskHistoryList });
    const rows = await taskHistory(client, 8137);
    expect(rows.map((row) => [row.id, row.field])).toContainEqual(['16359', 'NEW']);
    expect(rows).toHaveLength(9);
    expect(historyChanges(8137, rows, '+02:00')).toEqual([]);
  });

  it('tasks.task.history.list in a batch: histories by task, and a hidden task reads as no history', async () => {
    const { client, calls } = clientFor({
      batch: documentedBatch({ h8137: tasks.tasksTaskHistoryList, h8138: tasks.tasksTaskHistoryListDenied }),
    });
    const histories = await taskHistories(client, [8137, 8138]);
    expect(calls.map((call) => call.method)).toEqual(['batch']);
    expect(histories.get(8137)).toHaveLength(9);
    expect(histories.get(8138)).toEqual([]);
  });
});

describe('flows', () => {
  it('tasks.flow.Flow.get: parsed, and mapped to columns and members', async () => {
    const { client } = clientFor({ 'tasks.flow.Flow.get': flows.tasksFlowFlowGet });
    const flow = (await getFlow(client, 517))!;
    expect(flow).toMatchObject({
      id: 517,
      name: 'Updated Flow Name',
      distributionType: 'manually',
      efficiency: 0,
      plannedCompletionTime: 7200,
    });
    expect(flowColumns(flow, '+00:00')).toMatchObject({
      active: true,
      portalEfficiency: 0,
      ownerId: 1,
      creatorId: 1,
      groupId: 178,
      templateId: 0,
      matchWorkTime: true,
      taskControl: false,
      responsibleCanChangeDeadline: true,
      notifyAtHalfTime: false,
      notifyOnQueueOverflow: 10,
      notifyOnTasksInProgressOverflow: 50,
      notifyWhenEfficiencyDecreases: null,
      activityAt: new Date('2024-09-02T15:27:29Z'),
    });
    expect(flowMembers(flow, departmentPeople([], []))).toEqual([
      { bitrixUserId: 1, role: 'owner' },
      { bitrixUserId: 3, role: 'moderator' },
      { bitrixUserId: 3, role: 'member' },
    ]);
  });

  it('tasks.flow.Flow.get: a flow that does not exist, alone and in a batch', async () => {
    expect(await getFlow(clientFor({ 'tasks.flow.Flow.get': flows.tasksFlowFlowGetNotFound }).client, 2)).toBeNull();
    const { client } = clientFor({
      batch: documentedBatch({ f517: flows.tasksFlowFlowGet, f2: flows.tasksFlowFlowGetNotFound }),
    });
    const found = await getFlows(client, [517, 2]);
    expect(found.flows.map((flow) => flow.id)).toEqual([517]);
    expect(found.unreadable).toEqual([2]);
  });
});

describe('people and departments', () => {
  it('user.get: every documented user, by the cursor', async () => {
    const { client, calls } = clientFor({ 'user.get': directory.userGet });
    const users = await listUsers(client);
    expect(users.map((user) => [user.ID, user.ACTIVE, user.NAME, user.UF_DEPARTMENT])).toEqual([
      ['1', true, 'Vadim', [1]],
      ['3', true, 'John', [1]],
    ]);
    expect(calls).toHaveLength(1);
  });

  it('user.current and department.get', async () => {
    const { client } = clientFor({ 'user.current': directory.userCurrent, 'department.get': directory.departmentGet });
    expect(await currentUser(client)).toMatchObject({ ID: '3', NAME: 'John', LAST_NAME: 'Smith' });
    const departments = await listDepartments(client);
    expect(departments.map((department) => [department.ID, department.PARENT, department.SORT])).toEqual([
      ['15', '1', 500],
      ['2', '1', 500],
      ['4', '1', 500],
      ['3', '1', 500],
      ['17', '1', 500],
    ]);
  });
});

describe('meetings and notifications', () => {
  it('calendar.settings.get becomes the working calendar the tasks module reads', async () => {
    const { client } = clientFor({ 'calendar.settings.get': calendar.calendarSettingsGet });
    expect(await readPortalWorkCalendar(client)).toEqual({
      daysOff: [0, 6],
      holidays: ['01-01', '01-02', '01-07', '02-23', '03-08', '05-01', '05-09', '06-12', '11-04'],
      workStart: 9 * 60,
      workEnd: 19 * 60,
      source: 'portal',
    });
  });

  it('calendar.event.add, im.notify.system.add', async () => {
    const { client } = clientFor({
      'calendar.event.add': calendar.calendarEventAdd,
      'im.notify.system.add': calendar.imNotifySystemAdd,
    });
    expect(
      await addMeeting(client, {
        ownerId: 1,
        name: 'Review',
        from: '2024-12-05T10:00:00+00:00',
        to: '2024-12-05T11:00:00+00:00',
        attendees: [2],
      }),
    ).toBe(1246);
    expect(await notifyUser(client, 1, 'Hello')).toBe(12345);
    const notCreated = clientFor({ 'im.notify.system.add': calendar.imNotifySystemAddNotCreated }).client;
    expect(await notifyUser(notCreated, 1, 'Hello')).toBeNull();
  });

  it('their refusals carry the portal’s text, even with an empty error code', async () => {
    const meeting = await bitrix24Failure(
      addMeeting(clientFor({ 'calendar.event.add': calendar.calendarEventAddNoName }).client, {
        ownerId: 1,
        name: '',
        from: '2024-12-05T10:00:00+00:00',
        to: '2024-12-05T11:00:00+00:00',
        attendees: [],
      }),
    );
    expect(meeting.kind).toBe('invalid-request');
    expect(meeting.message).toContain('The required parameter "name" for the method "calendar.event.add" is not set');
    const notice = await bitrix24Failure(
      notifyUser(clientFor({ 'im.notify.system.add': calendar.imNotifySystemAddNoUser }).client, 0, 'Hello'),
    );
    expect(notice.kind).toBe('invalid-request');
    expect(notice.details.code).toBe('USER_ID_EMPTY');
  });
});

describe('the connection', () => {
  it('server.time gives the offset; scope the granted scopes', async () => {
    const { client } = clientFor({ 'server.time': system.serverTime, scope: system.scope });
    expect(timeZoneOffsetOf(await serverTime(client))).toBe('+00:00');
    expect((await client.call('scope', {}, z.array(z.string()))).result).toEqual([
      'department',
      'entity',
      'log',
      'user',
    ]);
  });

  it('the portal time zone: profile’s empty TIME_ZONE leaves the server clock’s offset', async () => {
    const { client } = clientFor({ 'server.time': system.serverTime, profile: system.profile });
    expect(await readPortalTimeZone(client)).toEqual({ timeZone: null, offset: '+00:00' });
  });

  it('the connection test on documented answers: the missing task scope blocks, the user is named', async () => {
    const parsed = parseWebhookUrl(webhookUrl);
    if (!parsed.ok) throw new Error(parsed.error);
    const { fetch: documentedFetch } = documentedTransport({
      'server.time': system.serverTime,
      scope: system.scope,
      'user.current': directory.userCurrent,
      'user.admin': directory.userAdmin,
    });
    const report = await testPortalConnection(parsed.value, { fetch: documentedFetch });
    expect(report.timeZoneOffset).toBe('+00:00');
    expect(report.webhookUser).toEqual({ id: 1, name: 'John Smith' });
    expect(report.checks.find((check) => check.key === 'flows')).toMatchObject({
      status: 'skipped',
      code: 'flows.no-task-scope',
    });
    expect(report.canConnect).toBe(false);
  });

  it('app.info and profile as the installation reads them; app.info outside an app', async () => {
    expect(appInfoAnswer.parse(resultOf(system.appInfo))).toEqual({ STATUS: 'F', INSTALLED: true });
    expect(profileAnswer.parse(resultOf(system.profile))).toEqual({ ID: 1, ADMIN: true });
    const error = await bitrix24Failure(clientFor({ 'app.info': system.appInfoOutsideApp }).client.call('app.info'));
    expect(error.details.code).toBe('ACCESS_DENIED');
  });

  it('batch: results, totals and next by key, PHP’s empty maps read as empty', async () => {
    const { client } = clientFor({ batch: system.batch });
    const answer = await client.batch({
      get_user: { method: 'user.current' },
      get_department: { method: 'department.get' },
    });
    expect(answer.errors).toEqual({});
    expect(answer.totals).toEqual({ get_department: 1 });
    expect(answer.nexts).toEqual({});
    expect(answer.results.get_user).toMatchObject({ ID: '1', NAME: 'John' });
  });

  it('batch: a failing sub-call is reported by key, with or without halt', async () => {
    for (const documented of [system.batchErrors, system.batchErrorsHalted]) {
      const { client } = clientFor({ batch: documented });
      const answer = await client.batch({
        get_user: { method: 'user.current' },
        get_department: { method: 'department.get' },
      });
      expect(answer.results).toEqual({});
      expect(answer.errors.get_user?.kind).toBe('missing-scope');
      expect(answer.errors.get_user?.message).toContain('"user" permission');
    }
  });

  it('event.bind: bound; an unknown event and a second binding are refused with their codes', async () => {
    expect(
      (
        await clientFor({ 'event.bind': events.eventBind }).client.call('event.bind', {
          event: 'ONTASKADD',
          handler: 'https://flowpilot.example/api/bitrix24/events',
        })
      ).result,
    ).toBe(true);
    for (const [documented, code] of [
      [events.eventBindUnknownEvent, 'ERROR_EVENT_NOT_FOUND'],
      [events.handlerAlreadyExists, 'ERROR_HANDLER_ALREADY_EXIST'],
      [events.eventBindOfflineDenied, 'ACCESS_DENIED'],
    ] as const) {
      const error = await bitrix24Failure(
        clientFor({ 'event.bind': documented }).client.call('event.bind', {
          event: 'ONTASKADD',
          handler: 'https://flowpilot.example/api/bitrix24/events',
        }),
      );
      expect(error.details).toMatchObject({ code, httpStatus: documented.status });
    }
  });
});

describe('event posts', () => {
  const form = (payload: Json) => encodePhpQuery(payload as Record<string, unknown>);
  const sender = {
    memberId: 'a223c6b3710f85df22e9377d6c4f7553',
    domain: 'some-domain.bitrix24.com',
    applicationToken: '51856fefc120afa4b628cc82d3935cce',
  };

  it('ONTASKADD, ONTASKUPDATE, ONTASKDELETE: the task id and the sender, form-encoded or JSON', () => {
    for (const [documented, event] of [
      [posts.onTaskAdd, 'ONTASKADD'],
      [posts.onTaskUpdate, 'ONTASKUPDATE'],
      [posts.onTaskDelete, 'ONTASKDELETE'],
    ] as const) {
      const expected = { event, bitrixTaskId: 123, sender };
      expect(parsePortalEvent(form(documented.payload), 'application/x-www-form-urlencoded')).toEqual(expected);
      expect(parsePortalEvent(JSON.stringify(documented.payload), 'application/json')).toEqual(expected);
    }
  });

  it('ONAPPUNINSTALL: no tokens, the application token is the proof', () => {
    expect(parsePortalEvent(form(posts.onAppUninstall.payload), 'application/x-www-form-urlencoded')).toEqual({
      event: 'ONAPPUNINSTALL',
      sender,
    });
  });

  it('ONAPPINSTALL: the token pair, the endpoints, the member id and the application token', () => {
    expect(readInstallPost(form(posts.onAppInstall.payload), 'application/x-www-form-urlencoded').auth).toMatchObject({
      access_token: 's6p6eclrvim6da22ft9ch94ekreb52lv',
      refresh_token: '4s386p3q0tr8dy89xvmt96234v3dljg8',
      expires_in: 3600,
      domain: 'some-domain.bitrix24.com',
      client_endpoint: 'https://some-domain.bitrix24.com/rest/',
      member_id: 'a223c6b3710f85df22e9377d6c4f7553',
      application_token: '51856fefc120afa4b628cc82d3935cce',
    });
  });
});

describe('OAuth server answers', () => {
  it('the code exchange (sign-in) and the refresh both read; the portal is the client endpoint, not `domain`', () => {
    const signIn = tokenResponse.parse(oauth.oauthAuthorizationCode.body);
    expect(signIn).toMatchObject({
      expires_in: 3600,
      member_id: 'a223c6b3710f85df22e9377d6c4f7553',
      domain: 'oauth.bitrix.info',
    });
    expect(new URL(signIn.client_endpoint).host).toBe('portal.bitrix24.com');
    expect(tokenResponse.parse(oauth.oauthRefresh.body)).toMatchObject({ user_id: 67 });
    expect(refreshAnswer.parse(oauth.oauthRefresh.body)).toEqual({
      access_token: 'ydtj8pho532wydb5ixk78ol7uqlb7sch',
      refresh_token: '3s6lr4kr3cv2od4v853gvrchb875bwxb',
      expires_in: 3600,
    });
    expect(refreshAnswer.safeParse(oauth.oauthPaymentRequired.body).success).toBe(false);
  });
});

describe('system errors (b24restdocs _includes/system-errors.md, settings/performance/limits.md)', () => {
  // The kind each documented error must read as. INVALID_CREDENTIALS, user_access_error and
  // PORTAL_DELETED are checked below only for what is kept of them (code and status).
  const kinds: [DocumentedAnswer, Bitrix24ErrorKind][] = [
    [errors.internalServerError, 'server-error'],
    [errors.unexpectedAnswer, 'server-error'],
    [errors.queryLimitExceeded, 'rate-limited'],
    [errors.batchMethodNotAllowed, 'invalid-request'],
    [errors.batchLengthExceeded, 'invalid-request'],
    [errors.noAuthFound, 'wrong-webhook'],
    [errors.httpsRequired, 'invalid-request'],
    [errors.overloadLimit, 'blocked'],
    [errors.restOnCommercialPlans, 'no-rest-access'],
    [errors.manifestNotAvailable, 'invalid-request'],
    [errors.insufficientScope, 'missing-scope'],
    [errors.expiredToken, 'token-expired'],
    [errors.operationTimeLimit, 'operation-limit'],
  ];

  it.each(kinds.map(([documented, kind]) => [(documented.body as { error: string }).error, documented, kind] as const))(
    '%s',
    async (_code, documented, kind) => {
      const error = await bitrix24Failure(clientFor({ 'server.time': documented }).client.call('server.time'));
      expect(error.kind).toBe(kind);
      expect(error.details).toMatchObject({
        code: (documented.body as { error: string }).error,
        httpStatus: documented.status,
      });
    },
  );

  it('expired_token on an app connection: one refresh, then the call again with the new token', async () => {
    let tokens = { accessToken: 'old', refreshToken: 'r1' };
    const transport = documentedTransport({
      'server.time': (params) => (params.auth === 'old' ? errors.expiredToken : system.serverTime),
    });
    const client = new Bitrix24Client({
      connection: {
        kind: 'oauth',
        endpoint: 'https://some-domain.bitrix24.com/rest/',
        tokens: {
          current: async () => tokens,
          refresh: async () => (tokens = { accessToken: 'new', refreshToken: 'r2' }),
        },
      },
      fetch: transport.fetch,
      clock: noWait,
    });
    expect(await serverTime(client)).toBe('2024-08-05T09:02:13+00:00');
    expect(transport.calls.map((call) => call.params.auth)).toEqual(['old', 'new']);
  });

  it('every documented system error keeps its code and status on the error', async () => {
    for (const documented of errors.documentedSystemErrors) {
      const error = await bitrix24Failure(clientFor({ 'server.time': documented }).client.call('server.time'));
      expect(error.details).toMatchObject({
        code: (documented.body as { error: string }).error,
        httpStatus: documented.status,
      });
    }
  });
});
