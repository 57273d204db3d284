import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { getFlow, getFlows } from './api/flows';
import { addTask, getTask, pageTasks, scanAllTasksInBatches, scanTasks, taskHistory } from './api/tasks';
import { listDepartments, listUsers } from './api/directory';
import { addMeeting, notifyUser, serverTime } from './api/calendar-and-notify';
import { Bitrix24Client, type OAuthTokens, type RetryNotice } from './client';
import type { DemoCompany } from '@/lib/demo-portal/company';
import { startDemoPortal, type DemoPortal, type DemoPortalOptions } from '@/lib/demo-portal/server';
import { fixtureCompany, fixtureFlow, manyTasks } from '@/lib/demo-portal/testing/fixture-company';
import { bitrix24Failure, collectPages } from './testing/client-results';

const portals: DemoPortal[] = [];
afterEach(async () => {
  await Promise.all(portals.splice(0).map((portal) => portal.stop()));
});

async function portalWith(
  company: DemoCompany = fixtureCompany({ flows: [fixtureFlow(1)], tasks: manyTasks(130) }),
  options: Partial<DemoPortalOptions> = {},
) {
  const portal = await startDemoPortal({ company, ...options });
  portals.push(portal);
  return portal;
}

const noWait = { now: () => Date.now(), sleep: async () => {} };

function webhookClient(portal: DemoPortal, extra: Partial<ConstructorParameters<typeof Bitrix24Client>[0]> = {}) {
  return new Bitrix24Client({ connection: { kind: 'webhook', url: portal.webhookUrl }, ...extra });
}

describe('paging', () => {
  it('lists every task by the fast cursor, in id order, 50 per request', async () => {
    const portal = await portalWith();
    const calls: string[] = [];
    const client = webhookClient(portal, { fetch: (input, init) => (calls.push(String(input)), fetch(input, init)) });
    const tasks = await collectPages(scanTasks(client));
    expect(tasks.map((t) => Number(t.id))).toEqual(Array.from({ length: 130 }, (_, i) => i + 1));
    expect(calls).toHaveLength(3);
  });

  it('lists the same tasks by start/next offsets, with the total', async () => {
    const portal = await portalWith();
    const client = webhookClient(portal);
    const first = await client.call('tasks.task.list', { select: ['ID'], order: { ID: 'asc' } });
    expect(first).toMatchObject({ total: 130, next: 50 });
    const tasks = await collectPages(pageTasks(client));
    expect(tasks.map((t) => Number(t.id))).toEqual(Array.from({ length: 130 }, (_, i) => i + 1));
  });

  it('scans everything in batches of 50 id ranges: 2,500 tasks per request, gaps included', async () => {
    const tasks = manyTasks(6000).filter((task) => Number(task.id) % 7 !== 0);
    const portal = await portalWith(fixtureCompany({ flows: [fixtureFlow(1)], tasks }));
    const calls: string[] = [];
    const client = webhookClient(portal, { fetch: (input, init) => (calls.push(String(input)), fetch(input, init)) });
    const batches: { tasks: { id: string }[]; throughId: number }[] = [];
    for await (const batch of scanAllTasksInBatches(client)) batches.push(batch);
    expect(batches.flatMap((batch) => batch.tasks).map((t) => t.id)).toEqual(tasks.map((t) => t.id));
    expect(batches.map((batch) => batch.throughId)).toEqual([2500, 5000, 6000]);
    // One call for the highest id, then ceil(6000 / 2500) batches.
    expect(calls.filter((url) => url.endsWith('/batch.json'))).toHaveLength(3);
    expect(calls).toHaveLength(4);
  });

  it('resumes a cursor scan after a given id, and applies filters', async () => {
    const portal = await portalWith();
    const client = webhookClient(portal);
    expect((await collectPages(scanTasks(client, { afterId: 120 }))).map((t) => t.id)).toEqual([
      '121',
      '122',
      '123',
      '124',
      '125',
      '126',
      '127',
      '128',
      '129',
      '130',
    ]);
    expect(await collectPages(scanTasks(client, { filter: { RESPONSIBLE_ID: 99 } }))).toEqual([]);
  });

  it('pages users by cursor (dismissed included) and departments by offset', async () => {
    const client = webhookClient(await portalWith());
    expect((await listUsers(client)).map((u) => [u.ID, u.ACTIVE])).toEqual([
      ['1', true],
      ['2', true],
      ['3', true],
      ['4', false],
    ]);
    expect((await listDepartments(client)).map((d) => d.NAME)).toEqual(['Компания', 'Поддержка']);
  });

  it('rejects an unknown sort key the way the portal does', async () => {
    const error = await bitrix24Failure(
      webhookClient(await portalWith()).call('tasks.task.list', { order: { NOPE: 'asc' } }),
    );
    expect(error.kind).toBe('invalid-request');
    expect(error.message).toContain('Invalid sorting key');
  });
});

describe('batch', () => {
  it('runs up to 50 calls in one request, with $result references between them', async () => {
    const portal = await portalWith();
    const calls: string[] = [];
    const client = webhookClient(portal, { fetch: (input, init) => (calls.push(String(input)), fetch(input, init)) });
    const { results, errors, totals } = await client.batch({
      first: { method: 'tasks.task.list', params: { select: ['ID'], order: { ID: 'asc' }, filter: { '<=ID': 3 } } },
      next: { method: 'tasks.task.get', params: { taskId: '$result[first][tasks][2][id]' } },
      flow: { method: 'tasks.flow.Flow.get', params: { flowId: 1 } },
    });
    expect(calls).toHaveLength(1);
    expect(errors).toEqual({});
    expect(totals).toEqual({ first: 3 });
    expect((results.next as { task: { id: string } }).task.id).toBe('3');
    expect((results.flow as { id: number }).id).toBe(1);
  });

  it('reports a failing call per key and keeps the others; empty maps come back as [] and read as empty', async () => {
    const client = webhookClient(await portalWith());
    const { results, errors } = await client.batch({
      good: { method: 'server.time' },
      bad: { method: 'tasks.flow.Flow.get', params: { flowId: 404 } },
      unknown: { method: 'no.such.method' },
    });
    expect(Object.keys(results)).toEqual(['good']);
    expect(errors.bad?.kind).toBe('flow-unreadable');
    expect(errors.bad?.message).toContain('would not show the flow');
    expect(errors.unknown?.kind).toBe('method-not-found');
    const empty = await client.batch({ only: { method: 'tasks.flow.Flow.get', params: { flowId: 404 } } });
    expect(empty.results).toEqual({});
  });

  it('stops at the first failure with halt', async () => {
    const client = webhookClient(await portalWith());
    const { results, errors } = await client.batch(
      { a: { method: 'server.time' }, b: { method: 'no.such' }, c: { method: 'server.time' } },
      { halt: true },
    );
    expect(Object.keys(results)).toEqual(['a']);
    expect(Object.keys(errors)).toEqual(['b']);
  });

  it('refuses more than 50 calls before sending', async () => {
    const client = webhookClient(await portalWith());
    const commands = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, { method: 'server.time' }]));
    await expect(client.batch(commands)).rejects.toThrow('at most 50');
  });

  it('fetches many flows at once and tells which it could not read', async () => {
    const client = webhookClient(await portalWith(fixtureCompany({ flows: [fixtureFlow(1), fixtureFlow(2)] })));
    const { flows, unreadable } = await getFlows(client, [1, 2, 3]);
    expect(flows.map((f) => f.id)).toEqual([1, 2]);
    expect(unreadable).toEqual([3]);
    expect(await getFlow(client, 3)).toBeNull();
  });
});

describe('errors a person can act on', () => {
  it('a wrong or revoked webhook', async () => {
    const portal = await portalWith();
    const wrong = await bitrix24Failure(
      new Bitrix24Client({ connection: { kind: 'webhook', url: `${portal.url}/rest/1/not-the-code/` } }).call(
        'server.time',
      ),
    );
    expect(wrong.kind).toBe('wrong-webhook');
    expect(wrong.message).toMatch(/the webhook URL is wrong, expired or was deleted/);
    portal.faults.revokedWebhooks = [portal.webhooks[0]!.code];
    expect((await bitrix24Failure(webhookClient(portal).call('server.time'))).kind).toBe('wrong-webhook');
  });

  it('a missing scope, naming it', async () => {
    const portal = await portalWith(undefined, { webhooks: [{ userId: 1, code: 'nousers', scopes: ['task'] }] });
    const error = await bitrix24Failure(webhookClient(portal).call('user.get'));
    expect(error.kind).toBe('missing-scope');
    expect(error.message).toContain('"user" permission needed for user.get');
  });

  it('a plan without Flows', async () => {
    const portal = await portalWith(undefined, { flowsEnabled: false });
    const error = await bitrix24Failure(webhookClient(portal).call('tasks.flow.Flow.get', { flowId: 1 }));
    expect(error.kind).toBe('flow-unreadable');
    expect(error.message).toMatch(/plan does not include Flows/);
  });

  it('a portal that cannot be reached', async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    const notices: RetryNotice[] = [];
    const client = new Bitrix24Client({
      connection: { kind: 'webhook', url: `http://127.0.0.1:${port}/rest/1/x/` },
      clock: noWait,
      onRetry: (n) => notices.push(n),
    });
    const error = await bitrix24Failure(client.call('server.time'));
    expect(error.kind).toBe('unreachable');
    expect(error.message).toMatch(/Cannot reach 127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
    expect(notices).toHaveLength(3);
  });

  it('a link-local or cloud-metadata address: refused before connecting, and not retried', async () => {
    const notices: RetryNotice[] = [];
    const client = new Bitrix24Client({
      connection: { kind: 'webhook', url: 'http://169.254.169.254/rest/1/x/' },
      clock: noWait,
      onRetry: (n) => notices.push(n),
    });
    const error = await bitrix24Failure(client.call('server.time'));
    expect(error.kind).toBe('refused-address');
    expect(error.message).toBe(
      'Addresses in 169.254.0.0/16 (link-local, cloud metadata) are not allowed, and 169.254.169.254 leads there.',
    );
    expect(error.details.refusal).toMatchObject({ kind: 'address', range: '169.254.0.0/16' });
    expect(notices).toEqual([]);
  });

  it('a redirect: not followed, not retried, and named', async () => {
    const portal = await portalWith();
    let requests = 0;
    const moved = (await import('node:http')).createServer((request, response) => {
      requests++;
      response.writeHead(308, { location: `${portal.url}${request.url}` }).end();
    });
    await new Promise<void>((resolve) => moved.listen(0, '127.0.0.1', resolve));
    try {
      const notices: RetryNotice[] = [];
      const { port } = moved.address() as net.AddressInfo;
      const url = portal.webhookUrl.replace(new URL(portal.url).host, `127.0.0.1:${port}`);
      const error = await bitrix24Failure(
        new Bitrix24Client({
          connection: { kind: 'webhook', url },
          clock: noWait,
          onRetry: (n) => notices.push(n),
        }).call('server.time'),
      );
      expect(error.kind).toBe('redirected');
      expect(error.message).toBe(`The server answered with a redirect to ${portal.url}; use the final address.`);
      expect(requests).toBe(1);
      expect(notices).toEqual([]);
    } finally {
      moved.close();
    }
  });

  it('server errors are retried, then reported', async () => {
    const portal = await portalWith(undefined, { faults: { errorRate: 1 } });
    const notices: RetryNotice[] = [];
    const error = await bitrix24Failure(
      webhookClient(portal, { clock: noWait, onRetry: (n) => notices.push(n) }).call('server.time'),
    );
    expect(error.kind).toBe('server-error');
    expect(notices.map((n) => n.error.kind)).toEqual(['server-error', 'server-error', 'server-error']);
  });

  it('a 20 % share of 500s is absorbed by retries', async () => {
    let draw = 0;
    const portal = await portalWith(undefined, {
      faults: { errorRate: 0.2 },
      random: () => [0.1, 0.5, 0.9, 0.3, 0.7][draw++ % 5]!,
    });
    const tasks = await collectPages(scanTasks(webhookClient(portal, { clock: noWait })));
    expect(tasks).toHaveLength(130);
  });

  it('rate limiting, with the wait', async () => {
    const portal = await portalWith(undefined, { limits: { burst: 1, drainPerSecond: 0.01 } });
    const client = webhookClient(portal, { maxRateLimitRetries: 0 });
    await client.call('server.time');
    const error = await bitrix24Failure(client.call('server.time'));
    expect(error.kind).toBe('rate-limited');
    expect(error.message).toMatch(/limiting the request rate; waiting \d+ s/);
  });

  it('the method time budget: the answer reports operating time and its reset; an exhausted method is refused with no timings, as Bitrix24 does', async () => {
    const portal = await portalWith(undefined, {
      limits: { operatingBudgetSeconds: 1 },
      faults: { extraCostSeconds: 0.6 },
    });
    const client = webhookClient(portal, { maxRetries: 0 });
    const first = await client.call('server.time');
    expect(first.time?.operating).toBeGreaterThan(0.5);
    await client.call('server.time');
    const error = await bitrix24Failure(client.call('server.time'));
    expect(first.time?.operating_reset_at).toBeGreaterThan(Date.now() / 1000);
    expect(error.kind).toBe('operation-limit');
    expect(error.details.retryAfterMs).toBeUndefined();
    // Other methods keep working.
    expect((await client.call('user.current')).result).toMatchObject({ ID: '1' });
  });

  it('a batch sub-call reports its own method’s operating time and reset in result_time, so the client sees it', async () => {
    const portal = await portalWith(undefined, { faults: { extraCostSeconds: 0.2 } });
    const client = webhookClient(portal);
    const answer = await client.call('batch', {
      cmd: { a: 'tasks.task.history.list?taskId=1', b: 'tasks.task.history.list?taskId=2', t: 'server.time' },
    });
    const times = (
      answer.result as { result_time: Record<string, { operating?: number; operating_reset_at?: number }> }
    ).result_time;
    // Nested calls are accounted as their own methods: the second history call adds to the first.
    expect(times.a?.operating).toBeGreaterThanOrEqual(0.2);
    expect(times.b?.operating).toBeGreaterThan(times.a!.operating!);
    expect(times.t?.operating).toBeLessThan(times.b!.operating!);
    expect(times.a?.operating_reset_at).toBeGreaterThan(Date.now() / 1000);
    await client.batch({ c: { method: 'tasks.task.history.list', params: { taskId: 3 } } });
    expect(client.budget.usedSeconds('tasks.task.history.list')).toBeGreaterThanOrEqual(0.6);
  });

  it('a non-JSON answer (not a REST address)', async () => {
    const site = (await import('node:http')).createServer((_request, response) =>
      response.writeHead(200, { 'content-type': 'text/html' }).end('<html>Welcome</html>'),
    );
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = site.address() as net.AddressInfo;
      const error = await bitrix24Failure(
        new Bitrix24Client({ connection: { kind: 'webhook', url: `http://127.0.0.1:${port}/` } }).call('server.time'),
      );
      expect(error.kind).toBe('unexpected-answer');
      expect(error.message).toMatch(/not JSON .*Is this a Bitrix24 REST address\?/);
    } finally {
      site.close();
    }
  });
});

describe('OAuth tokens', () => {
  async function oauthSetup() {
    const app = { clientId: 'local.app', clientSecret: 'secret', redirectUri: 'http://app.test/cb' };
    const portal = await portalWith(undefined, { oauthApps: [app] });
    const code = portal.oauth.issueCode(app.clientId, 2);
    const pair = portal.oauth.redeemCode(app.clientId, code)!;
    let tokens: OAuthTokens = { accessToken: pair.accessToken, refreshToken: pair.refreshToken };
    const saved: OAuthTokens[] = [];
    const client = new Bitrix24Client({
      connection: {
        kind: 'oauth',
        endpoint: `${portal.url}/rest/`,
        tokens: {
          current: async () => tokens,
          refresh: async (stale) => {
            // Tokens issued from now on live normally again.
            portal.faults.tokenLifetimeMs = null;
            const query = new URLSearchParams({
              grant_type: 'refresh_token',
              client_id: app.clientId,
              client_secret: app.clientSecret,
              refresh_token: stale.refreshToken,
            });
            const answer = (await (await fetch(`${portal.url}/oauth/token/?${query}`)).json()) as {
              access_token: string;
              refresh_token: string;
            };
            tokens = { accessToken: answer.access_token, refreshToken: answer.refresh_token };
            saved.push(tokens);
            return tokens;
          },
        },
      },
    });
    return { portal, client, saved, setTokens: (next: OAuthTokens) => (tokens = next) };
  }

  it('calls with the token, and refreshes once on expired_token, storing the new pair', async () => {
    const { portal, client, saved } = await oauthSetup();
    expect((await client.call('user.current')).result).toMatchObject({ ID: '2' });
    expect(saved).toHaveLength(0);
    // The current token expires: several calls at once share one refresh, none spends a replaced refresh token.
    portal.faults.tokenLifetimeMs = 0;
    const answers = await Promise.all([
      client.call('user.current'),
      client.call('server.time'),
      client.call('user.current'),
    ]);
    expect(answers[0].result).toMatchObject({ ID: '2' });
    expect(answers[2].result).toMatchObject({ ID: '2' });
    expect(saved).toHaveLength(1);
  });

  it('a revoked token reads as revoked access', async () => {
    const { client, setTokens } = await oauthSetup();
    setTokens({ accessToken: 'garbage', refreshToken: 'garbage' });
    const error = await bitrix24Failure(client.call('user.current'));
    expect(error.kind).toBe('access-revoked');
    expect(error.message).toMatch(/Connect the portal again/);
  });
});

describe('writes and the other methods', () => {
  it('creates a flow task: the flow assigns it by queue and sets the deadline; history and get agree', async () => {
    const portal = await portalWith(
      fixtureCompany({
        flows: [
          fixtureFlow(1, {
            distributionType: 'queue',
            team: [
              ['user', '2'],
              ['user', '3'],
            ],
          }),
        ],
      }),
    );
    const client = webhookClient(portal);
    const first = await addTask(client, { TITLE: 'Сломался принтер', FLOW_ID: 1, DESCRIPTION: 'Третий этаж' });
    const second = await addTask(client, { TITLE: 'Нет доступа к CRM', FLOW_ID: 1 });
    expect([first.responsibleId, second.responsibleId]).toEqual(['2', '3']);
    expect(first).toMatchObject({ status: '2', flowId: '1' });
    // Planned 48 hours in calendar time, seconds dropped, rounded up to five minutes (docs/bitrix24.md,
    // "A flow task's deadline").
    const past48Hours = Date.parse(first.deadline!) - Date.parse(first.createdDate) - 48 * 3_600_000;
    expect(past48Hours).toBeGreaterThan(-60_000);
    expect(past48Hours).toBeLessThan(5 * 60_000);
    expect(new Date(first.deadline!).getUTCMinutes() % 5).toBe(0);
    expect(await getTask(client, Number(first.id))).toMatchObject({ id: first.id, title: 'Сломался принтер' });
    expect(await getTask(client, 99_999)).toBeNull();
    expect((await taskHistory(client, Number(first.id))).map((row) => row.field)).toEqual(['NEW']);
    await client.call('tasks.task.start', { taskId: first.id });
    expect(
      (await taskHistory(client, Number(first.id), 'STATUS')).map((row) => [row.value.from, row.value.to]),
    ).toEqual([['2', '3']]);
  });

  it('refuses a task without a title, with the portal text', async () => {
    const error = await bitrix24Failure(addTask(webhookClient(await portalWith()), { RESPONSIBLE_ID: 2 }));
    expect(error.message).toContain('Task title is not specified');
  });

  it('adds a meeting with attendees and a notification; reads the portal clock with its offset', async () => {
    const portal = await portalWith();
    const client = webhookClient(portal);
    const id = await addMeeting(client, {
      ownerId: 1,
      name: 'Разбор потока',
      from: '2026-06-01T10:00:00+03:00',
      to: '2026-06-01T11:00:00+03:00',
      attendees: [2, 3],
    });
    expect(portal.state.calendarEvents).toEqual([
      expect.objectContaining({ id, name: 'Разбор потока', attendees: [2, 3] }),
    ]);
    expect(await notifyUser(client, 2, 'Новая рекомендация')).toBe(1);
    expect(await serverTime(client)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+03:00$/);
  });

  it('accepts form and GET bodies with PHP brackets, and case-insensitive method names', async () => {
    const portal = await portalWith();
    const form = await fetch(`${portal.webhookUrl}TASKS.TASK.LIST`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `select[]=ID&${encodeURIComponent('filter[<=ID]')}=2&order[ID]=asc`,
    });
    expect(((await form.json()) as { result: { tasks: { id: string }[] } }).result.tasks.map((t) => t.id)).toEqual([
      '1',
      '2',
    ]);
    const get = await fetch(`${portal.webhookUrl}tasks.task.list.json?select[]=ID&filter[ID]=7`);
    expect(((await get.json()) as { result: { tasks: { id: string }[] } }).result.tasks).toEqual([{ id: '7' }]);
  });
});
