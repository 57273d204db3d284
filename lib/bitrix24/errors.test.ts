import { describe, expect, it } from 'vitest';
import { Bitrix24Client } from './client';
import { Bitrix24Error, portalError } from './errors';

/**
 * Errors are classified by Bitrix24's error code and HTTP status, never by their text, which
 * follows the portal's language. Sources:
 * - b24restdocs: api-reference/tasks/flow/tasks-flow-flow-get.md (HTTP 400, error "0" for
 *   "Access denied or flow not found", "Flow not found" and "Unknown error");
 * - bitrix24-core-corp: modules/tasks/lib/Flow/Controllers/Flow.php (getAction answers through
 *   buildErrorResponse, modules/tasks/lib/rest/controllers/trait/errorresponsetrait.php: a
 *   Main\Error with the message only, so code 0) and the texts in
 *   modules/tasks/lang/{ru,en}/lib/Flow/Controllers/Trait/MessageTrait.php,
 *   modules/tasks/lang/{ru,en}/lib/Flow/Provider/FlowProvider.php;
 * - b24restdocs: _includes/system-errors.md (INVALID_CREDENTIALS 403, user_access_error 403,
 *   PORTAL_DELETED 500).
 */
describe('flow errors by code, in any language', () => {
  it.each([
    ['Доступ запрещён или поток не найден'],
    ['Поток с таким ID не существует'],
    ['Cannot find flow'],
    ['Flow with this ID does not exist.'],
    ['Access denied or flow not found'],
    ['Неизвестная ошибка [Flow: 97]'],
  ])('tasks.flow.Flow.get answering error "0" (%s) is an unreadable flow', (description) => {
    const error = portalError('tasks.flow.Flow.get', 400, { error: '0', error_description: description });
    expect(error.kind).toBe('flow-unreadable');
    expect(error.retryable).toBe(false);
  });

  it('a batch sub-call carries no status of its own: the code alone decides', () => {
    expect(
      portalError('tasks.flow.Flow.get', 200, { error: '0', error_description: 'Доступ запрещён или поток не найден' })
        .kind,
    ).toBe('flow-unreadable');
  });

  it('error "0" from a method outside Flows is an ordinary rejection, and flow text elsewhere means nothing', () => {
    expect(portalError('tasks.task.add', 400, { error: '0', error_description: 'Cannot find flow' }).kind).toBe(
      'invalid-request',
    );
    expect(
      portalError('tasks.flow.Flow.get', 403, {
        error: 'insufficient_scope',
        error_description: 'Access denied or flow not found',
      }).kind,
    ).toBe('missing-scope');
  });
});

describe('system errors with their own message', () => {
  it('INVALID_CREDENTIALS: the connection user lacks the rights', () => {
    const error = portalError('tasks.task.list', 403, {
      error: 'INVALID_CREDENTIALS',
      error_description: 'Invalid request credentials',
    });
    expect(error.kind).toBe('invalid-credentials');
    expect(error.message).toMatch(/user .* lacks the permissions/);
    expect(error.retryable).toBe(false);
  });

  it('user_access_error: the application is limited to other users', () => {
    const error = portalError('user.current', 403, {
      error: 'user_access_error',
      error_description: 'The user does not have access to the application.',
    });
    expect(error.kind).toBe('user-access');
    expect(error.message).toMatch(/restricted .* to certain users/);
    expect(error.retryable).toBe(false);
  });

  it('PORTAL_DELETED: not a server hiccup, never retried', () => {
    const error = portalError('server.time', 500, { error: 'PORTAL_DELETED', error_description: 'Portal was deleted' });
    expect(error.kind).toBe('portal-deleted');
    expect(error.message).toMatch(/deleted, or its public part is closed/);
    expect(error.retryable).toBe(false);
  });

  it('the client sends PORTAL_DELETED once, not again and again', async () => {
    let calls = 0;
    const client = new Bitrix24Client({
      connection: { kind: 'webhook', url: 'https://gone.bitrix24.test/rest/1/abcdef0123456789/' },
      clock: { now: () => 0, sleep: async () => {} },
      fetch: async () => {
        calls++;
        return new Response(JSON.stringify({ error: 'PORTAL_DELETED', error_description: 'Portal was deleted' }), {
          status: 500,
        });
      },
    });
    const error = await client.call('server.time').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Bitrix24Error);
    expect((error as Bitrix24Error).kind).toBe('portal-deleted');
    expect(calls).toBe(1);
  });
});

describe('texts as the documented answers carry them', () => {
  it('ERROR_CORE keeps its words but not its markup (b24restdocs api-reference/tasks/tasks-task-add.md: "…<br>")', () => {
    const error = portalError('tasks.task.add', 400, {
      error: 'ERROR_CORE',
      error_description: 'Task title is not specified<br>',
    });
    expect(error.message).toBe('The portal rejected tasks.task.add: Task title is not specified.');
    expect(error.details.description).toBe('Task title is not specified<br>');
  });

  it('NO_AUTH_FOUND names a webhook and an app connection alike', () => {
    expect(
      portalError('profile', 401, { error: 'NO_AUTH_FOUND', error_description: 'Wrong authorization data' }).message,
    ).toMatch(/webhook URL .* or the app's access/);
  });

  it("ACCESS_DENIED passes on the portal's own reason (b24restdocs api-reference/common/system/app-info.md)", () => {
    const error = portalError('app.info', 400, {
      error: 'ACCESS_DENIED',
      error_description: 'Access denied! Application context required',
    });
    expect(error.kind).toBe('no-rest-access');
    expect(error.message).toContain('Access denied! Application context required');
  });
});
