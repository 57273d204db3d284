import dns, { type LookupAddress } from 'node:dns';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startDemoPortal, type DemoPortal, type DemoPortalOptions } from '@/lib/demo-portal/server';
import { fixtureCompany, fixtureFlow, fixtureTask } from '@/lib/demo-portal/testing/fixture-company';
import type { ConnectionReport } from './connection-report';
import { testPortalConnection } from './test-portal-connection';
import { parseWebhookUrl, type ParsedWebhookUrl } from './webhook-url';

/** The connection test against the demo portal over HTTP: each way a portal can fall short, named. */
const company = fixtureCompany({
  flows: [fixtureFlow(3, { name: 'Поддержка клиентов' })],
  tasks: [fixtureTask(1), fixtureTask(2, { flowId: '3' }), fixtureTask(3)],
});
const everyScope = ['basic', 'task', 'user', 'department', 'calendar', 'im'];

const running: DemoPortal[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((portal) => portal.stop()));
});

async function portal(options: Partial<DemoPortalOptions> = {}): Promise<DemoPortal> {
  const started = await startDemoPortal({ company, ...options });
  running.push(started);
  return started;
}

function webhook(url: string): ParsedWebhookUrl {
  const parsed = parseWebhookUrl(url);
  if (!parsed.ok) throw new Error(`not a webhook URL: ${parsed.error}`);
  return parsed.value;
}

const byKey = (report: ConnectionReport) => Object.fromEntries(report.checks.map((check) => [check.key, check]));

describe('testPortalConnection', () => {
  it('finds a fully usable portal: reachable with its offset, every scope, a flow by name, the webhook user', async () => {
    const demo = await portal({ webhooks: [{ userId: 1, code: 'fullaccess000001', scopes: everyScope }] });
    const report = await testPortalConnection(webhook(`${demo.url}/rest/1/fullaccess000001/`));
    expect(report.canConnect).toBe(true);
    expect(report.domain).toBe(new URL(demo.url).host);
    expect(report.timeZoneOffset).toBe('+03:00');
    expect(report.webhookUser).toEqual({ id: 1, name: 'Ирина Админова' });
    expect(report.grantedScopes).toEqual(everyScope);
    const checks = byKey(report);
    expect(checks.reachable).toMatchObject({ status: 'ok', code: 'reachable.ok', params: { offset: '+03:00' } });
    expect(['task', 'user', 'department', 'calendar', 'im'].map((scope) => checks[`scope.${scope}`]?.status)).toEqual([
      'ok',
      'ok',
      'ok',
      'ok',
      'ok',
    ]);
    expect(checks.flows).toMatchObject({
      status: 'ok',
      code: 'flows.found',
      params: { id: 3, name: 'Поддержка клиентов' },
    });
  });

  it('names each missing scope with whether it blocks, and skips the flows check without `task`', async () => {
    const demo = await portal({
      webhooks: [{ userId: 1, code: 'narrowaccess0001', scopes: ['basic', 'user', 'calendar'] }],
    });
    const report = await testPortalConnection(webhook(`${demo.url}/rest/1/narrowaccess0001/`));
    expect(report.canConnect).toBe(false);
    const checks = byKey(report);
    expect(checks['scope.task']).toMatchObject({ status: 'missing', code: 'scope.missing', blocking: true });
    expect(checks['scope.department']).toMatchObject({ status: 'missing', blocking: true });
    expect(checks['scope.user']).toMatchObject({ status: 'ok' });
    expect(checks['scope.im']).toMatchObject({ status: 'warning', code: 'scope.optional-missing', blocking: false });
    expect(checks.flows).toMatchObject({ status: 'skipped', code: 'flows.no-task-scope' });
  });

  it('connects without calendar and im, warning that CoPilot actions will not work', async () => {
    const demo = await portal({
      webhooks: [{ userId: 1, code: 'syncaccess000001', scopes: ['task', 'user', 'department'] }],
    });
    const report = await testPortalConnection(webhook(`${demo.url}/rest/1/syncaccess000001/`));
    expect(report.canConnect).toBe(true);
    expect(report.checks.filter((check) => check.status === 'warning').map((check) => check.key)).toEqual([
      'scope.calendar',
      'scope.im',
    ]);
  });

  it('says Flows are not available on a plan without them', async () => {
    const demo = await portal({ flowsEnabled: false });
    const report = await testPortalConnection(webhook(demo.webhookUrl));
    expect(report.canConnect).toBe(false);
    expect(byKey(report).flows).toMatchObject({ status: 'missing', code: 'flows.not-available', blocking: true });
  });

  it('finds the feature with no flow yet as a warning, not a refusal', async () => {
    const demo = await portal({ company: fixtureCompany({ tasks: [fixtureTask(1)] }) });
    const report = await testPortalConnection(webhook(demo.webhookUrl));
    expect(byKey(report).flows).toMatchObject({ status: 'warning', code: 'flows.none-yet', blocking: false });
    expect(report.canConnect).toBe(true);
  });

  it('finds flows where the portal ignores the FLOW_ID filter', async () => {
    const demo = await portal({ flowIdFilter: false });
    const report = await testPortalConnection(webhook(demo.webhookUrl));
    expect(byKey(report).flows).toMatchObject({ code: 'flows.found', params: { id: 3 } });
  });

  it('reads the newest tasks without the undocumented FLOW_ID filter', async () => {
    // b24restdocs: api-reference/tasks/tasks-task-list.md lists no FLOW_ID filter; a portal may ignore it silently.
    const demo = await portal();
    const filters: unknown[] = [];
    const report = await testPortalConnection(webhook(demo.webhookUrl), {
      fetch: async (input, init) => {
        if (String(input).includes('tasks.task.list'))
          filters.push((JSON.parse(String(init?.body ?? '{}')) as { filter?: unknown }).filter ?? null);
        return fetch(input, init);
      },
    });
    expect(byKey(report).flows).toMatchObject({ code: 'flows.found', params: { id: 3 } });
    expect(filters.length).toBeGreaterThan(0);
    expect(JSON.stringify(filters)).not.toContain('FLOW_ID');
  });

  it("says whether the webhook's user is a portal admin (user.admin), and what a non-admin misses", async () => {
    // b24restdocs: api-reference/common/users/user-admin.md; bitrix24-core-corp: modules/tasks/lib/Flow/Access/Rule/FlowReadRule.php.
    const hooks = [
      { userId: 1, code: 'adminhook0000001', scopes: everyScope },
      { userId: 2, code: 'memberhook000002', scopes: everyScope },
    ];
    const demo = await portal({ webhooks: hooks, admins: [1] });
    const asAdmin = await testPortalConnection(webhook(`${demo.url}/rest/1/adminhook0000001/`));
    expect(byKey(asAdmin).admin).toMatchObject({ status: 'ok', code: 'admin.yes', blocking: false });
    const asMember = await testPortalConnection(webhook(`${demo.url}/rest/2/memberhook000002/`));
    expect(byKey(asMember).admin).toMatchObject({ status: 'warning', code: 'admin.no', blocking: false });
    expect(asMember.canConnect).toBe(true);
    // A flow a non-admin may not read is their view, not a portal without Flows: a warning only.
    demo.options.flowsEnabled = false;
    const refused = await testPortalConnection(webhook(`${demo.url}/rest/2/memberhook000002/`));
    expect(byKey(refused).flows).toMatchObject({ status: 'warning', code: 'flows.not-available', blocking: false });
    expect(refused.canConnect).toBe(true);
  });

  it('names a revoked or wrong webhook and checks nothing else', async () => {
    const demo = await portal({
      webhooks: [{ userId: 1, code: 'revokedcode00001', scopes: everyScope }],
      faults: { revokedWebhooks: ['revokedcode00001'] },
    });
    for (const url of [
      `${demo.url}/rest/1/revokedcode00001/`,
      `${demo.url}/rest/1/neverexisted0001/`,
      `${demo.url}/rest/2/revokedcode00001/`,
    ]) {
      const report = await testPortalConnection(webhook(url));
      expect(report.canConnect).toBe(false);
      expect(byKey(report).reachable).toMatchObject({
        status: 'missing',
        code: 'reachable.failed',
        problem: 'wrong-webhook',
      });
      expect(report.checks.slice(1).every((check) => check.status === 'skipped')).toBe(true);
      expect(JSON.stringify(report)).not.toMatch(/revokedcode|neverexisted/);
    }
  });

  it('names an unreachable portal', async () => {
    const demo = await portal();
    const address = `${demo.url}/rest/1/whatever00000001/`;
    await demo.stop();
    running.length = 0;
    const report = await testPortalConnection(webhook(address), { maxRetries: 0 });
    expect(byKey(report).reachable).toMatchObject({
      code: 'reachable.failed',
      problem: 'unreachable',
      params: { host: new URL(address).host },
    });
    expect(report.timeZoneOffset).toBeNull();
  });

  it('names an address that answers, but not like Bitrix24', async () => {
    const server = http.createServer((_request, response) =>
      response.writeHead(200, { 'content-type': 'text/html' }).end('<html>Hello</html>'),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const report = await testPortalConnection(webhook(`http://127.0.0.1:${port}/rest/1/abcdef0123456789/`));
      expect(byKey(report).reachable).toMatchObject({ problem: 'not-bitrix24', blocking: true });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

/** A local server that counts the connections it accepts and answers every request with `answer`. */
async function countingServer(
  answer: http.RequestListener,
): Promise<{ url: string; connections: () => number; close: () => Promise<void> }> {
  let connections = 0;
  const server = http.createServer(answer).on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    connections: () => connections,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('testPortalConnection: link-local and cloud-metadata addresses, and redirects', () => {
  afterEach(() => vi.restoreAllMocks());

  it.each([
    ['http://169.254.169.254/rest/1/abcdef0123456789/', '169.254.0.0/16'],
    ['http://[::ffff:169.254.169.254]/rest/1/abcdef0123456789/', '169.254.0.0/16'],
    ['https://[fe80::1]/rest/1/abcdef0123456789/', 'fe80::/10'],
    ['http://[fd00:ec2::254]/rest/1/abcdef0123456789/', 'fd00:ec2::254'],
    ['http://100.100.100.200/rest/1/abcdef0123456789/', '100.100.100.200'],
    ['http://metadata.google.internal/rest/1/abcdef0123456789/', 'metadata.google.internal'],
  ])('refuses %s, naming the range, and checks nothing else', async (url, range) => {
    const report = await testPortalConnection(webhook(url), { maxRetries: 0, requestTimeoutMs: 2_000 });
    expect(report.canConnect).toBe(false);
    expect(byKey(report).reachable).toMatchObject({
      status: 'missing',
      code: 'reachable.failed',
      problem: 'refused-address',
      params: { range },
      blocking: true,
    });
    expect(report.checks.slice(1).every((check) => check.status === 'skipped')).toBe(true);
    expect(JSON.stringify(report)).not.toContain('abcdef0123456789');
  });

  it('refuses 0.0.0.0, which would reach a portal listening on this machine', async () => {
    const demo = await portal();
    const report = await testPortalConnection(webhook(demo.webhookUrl.replace('127.0.0.1', '0.0.0.0')), {
      maxRetries: 0,
    });
    expect(byKey(report).reachable).toMatchObject({ problem: 'refused-address', params: { range: '0.0.0.0/8' } });
  });

  it('refuses a portal name that resolves to a cloud-metadata address, before connecting anywhere', async () => {
    const server = await countingServer((_request, response) =>
      response.writeHead(200, { 'content-type': 'text/html' }).end('<html>Hello</html>'),
    );
    try {
      // The portal's DNS answers with this machine and the metadata address: connecting to either is not an option.
      const lookup = dns.lookup;
      vi.spyOn(dns, 'lookup').mockImplementation(((
        hostname: string,
        options: dns.LookupOptions,
        callback: (error: Error | null, address: string | LookupAddress[], family?: number) => void,
      ) => {
        if (hostname !== 'portal.rebind.test')
          return (lookup as (...args: unknown[]) => void)(hostname, options, callback);
        const addresses = [
          { address: '127.0.0.1', family: 4 },
          { address: '169.254.169.254', family: 4 },
        ];
        return options.all ? callback(null, addresses) : callback(null, addresses[0]!.address, addresses[0]!.family);
      }) as unknown as typeof dns.lookup);
      const report = await testPortalConnection(
        webhook(`http://portal.rebind.test:${new URL(server.url).port}/rest/1/abcdef0123456789/`),
        { maxRetries: 0 },
      );
      expect(byKey(report).reachable).toMatchObject({
        problem: 'refused-address',
        params: { range: '169.254.0.0/16' },
      });
      expect(server.connections()).toBe(0);
    } finally {
      await server.close();
    }
  });

  it('does not follow a redirect, even to a working portal, and names where it pointed', async () => {
    const demo = await portal({ webhooks: [{ userId: 1, code: 'movedaway0000001', scopes: everyScope }] });
    const server = await countingServer((request, response) =>
      response.writeHead(307, { location: `${demo.url}${request.url}` }).end(),
    );
    try {
      const report = await testPortalConnection(webhook(`${server.url}/rest/1/movedaway0000001/`), { maxRetries: 0 });
      expect(report.canConnect).toBe(false);
      expect(byKey(report).reachable).toMatchObject({
        status: 'missing',
        problem: 'redirected',
        params: { location: demo.url },
        blocking: true,
      });
      expect(JSON.stringify(report)).not.toContain('movedaway0000001');
    } finally {
      await server.close();
    }
  });
});
