import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Bitrix24Client } from '@/lib/bitrix24/client';
import { parsePhpQuery } from '@/lib/bitrix24/php-query';
import { fixtureCompany, fixtureFlow, fixtureMemberId } from './testing/fixture-company';
import { companyHeaderSchema } from './company';
import { startDemoPortal, type DemoPortal } from './server';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

/** A handler URL that records what the portal posts to it. */
async function receiver() {
  const received: { contentType: string; body: Record<string, unknown> }[] = [];
  const server = http.createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', () => {
      received.push({ contentType: String(request.headers['content-type']), body: parsePhpQuery(text) });
      response.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/events`, received };
}

async function portalWith(
  options: Parameters<typeof startDemoPortal>[0]['faults'] = {},
): Promise<[DemoPortal, Bitrix24Client]> {
  const portal = await startDemoPortal({ company: fixtureCompany({ flows: [fixtureFlow(1)] }), faults: options });
  closers.push(portal.stop);
  return [portal, new Bitrix24Client({ connection: { kind: 'webhook', url: portal.webhookUrl } })];
}

describe('task events', () => {
  it('posts ONTASKADD, ONTASKUPDATE and ONTASKDELETE to an outgoing webhook, form-encoded, with the hashed member id and its token', async () => {
    const [portal, client] = await portalWith();
    const handler = await receiver();
    const token = portal.state.addOutgoingWebhook(handler.url, ['ONTASKADD', 'ONTASKUPDATE', 'ONTASKDELETE']);
    const { result } = await client.call<{ task: { id: string } }>('tasks.task.add', {
      fields: { TITLE: 'Новая', FLOW_ID: 1 },
    });
    await client.call('tasks.task.update', { taskId: result.task.id, fields: { TITLE: 'Изменённая' } });
    await client.call('tasks.task.delete', { taskId: result.task.id });
    await portal.eventsSettled();

    expect(handler.received.map((r) => r.body.event)).toEqual(['ONTASKADD', 'ONTASKUPDATE', 'ONTASKDELETE']);
    expect(handler.received.every((r) => r.contentType === 'application/x-www-form-urlencoded')).toBe(true);
    const [added, updated, deleted] = handler.received.map((r) => r.body);
    expect(added).toMatchObject({
      data: { FIELDS_BEFORE: 'undefined', FIELDS_AFTER: { ID: result.task.id }, IS_ACCESSIBLE_BEFORE: 'N' },
    });
    expect(updated).toMatchObject({
      data: { FIELDS_BEFORE: { ID: result.task.id }, FIELDS_AFTER: { ID: result.task.id } },
    });
    expect(deleted).toMatchObject({ data: { FIELDS_AFTER: 'undefined', IS_ACCESSIBLE_AFTER: 'N' } });
    // b24restdocs local-integrations/local-webhooks.md: domain, a 32-hex member_id (never the domain), the webhook's token.
    expect(added?.auth).toEqual({
      domain: 'fixture.bitrix24.test',
      member_id: fixtureMemberId,
      application_token: token,
    });
    expect(fixtureMemberId).toMatch(/^[0-9a-f]{32}$/);
  });

  it('takes no company whose member id is not 32 hex digits, so no event is ever signed with a name like the domain', () => {
    expect(
      companyHeaderSchema.safeParse({ ...fixtureCompany().header, memberId: 'fixture.bitrix24.test' }).success,
    ).toBe(false);
    expect(companyHeaderSchema.safeParse(fixtureCompany().header).success).toBe(true);
  });

  it('refuses event.bind, event.get and event.unbind for a webhook, as Bitrix24 does outside an app', async () => {
    const [, client] = await portalWith();
    for (const method of ['event.bind', 'event.get', 'event.unbind']) {
      const refusal = await client.call(method, { event: 'ONTASKADD', handler: 'https://example.test/' }).then(
        () => null,
        (error: unknown) => error,
      );
      expect(refusal).toMatchObject({
        details: { httpStatus: 403 },
        message: expect.stringContaining('Application context required'),
      });
    }
  });

  it('loses events when told to drop them, and never retries a handler that is down', async () => {
    const [portal, client] = await portalWith({ dropEventRate: 1 });
    const handler = await receiver();
    portal.state.addOutgoingWebhook(handler.url, ['ONTASKADD']);
    portal.state.addOutgoingWebhook('http://127.0.0.1:9/nobody-listens', ['ONTASKUPDATE']);
    const { result } = await client.call<{ task: { id: string } }>('tasks.task.add', {
      fields: { TITLE: 'Тихая', FLOW_ID: 1 },
    });
    portal.faults.dropEventRate = 0;
    await client.call('tasks.task.start', { taskId: result.task.id });
    await portal.eventsSettled();
    expect(handler.received).toEqual([]);
  });
});

describe('a local application', () => {
  it('saving the form posts ONAPPINSTALL with working tokens; the app binds events; deleting it posts ONAPPUNINSTALL and revokes the tokens', async () => {
    const [portal] = await portalWith();
    const installer = await receiver();
    const handler = await receiver();
    const saved = await fetch(`${portal.url}/devops/local-apps/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams([
        ['name', 'Flowpilot'],
        ['handler', handler.url],
        ['install', installer.url],
        ['scope[]', 'task'],
        ['scope[]', 'user'],
      ]),
    });
    expect(saved.status).toBe(200);
    const page = await saved.text();
    expect(page).toContain('HTTP 200');
    const clientId = /data-key="client_id">([^<]+)</.exec(page)?.[1];
    expect(clientId).toMatch(/^local\./);

    // b24restdocs api-reference/common/events/on-app-install.md
    const [install] = installer.received.map((r) => r.body as { event: string; auth: Record<string, string> });
    expect(install).toMatchObject({
      event: 'ONAPPINSTALL',
      data: { INSTALLED: 'Y' },
      auth: {
        domain: 'fixture.bitrix24.test',
        member_id: fixtureMemberId,
        status: 'L',
        client_endpoint: `${portal.url}/rest/`,
        scope: 'basic,task,user',
      },
    });
    const app = new Bitrix24Client({
      connection: {
        kind: 'oauth',
        endpoint: install!.auth.client_endpoint!,
        tokens: {
          current: async () => ({
            accessToken: install!.auth.access_token!,
            refreshToken: install!.auth.refresh_token!,
          }),
          refresh: () => Promise.reject(new Error('no refresh here')),
        },
      },
    });
    expect((await app.call('app.info')).result).toMatchObject({ STATUS: 'L', INSTALLED: true });
    expect((await app.call('profile')).result).toMatchObject({ ID: '1', ADMIN: true });
    await app.call('event.bind', { event: 'ONTASKADD', handler: handler.url });
    await app.call('event.bind', { event: 'ONAPPUNINSTALL', handler: handler.url });
    // b24restdocs error-codes.md: the same handler twice is refused.
    await expect(app.call('event.bind', { event: 'ONTASKADD', handler: handler.url })).rejects.toMatchObject({
      details: { code: 'ERROR_HANDLER_ALREADY_EXIST' },
    });
    await expect(app.call('calendar.section.get')).rejects.toMatchObject({ details: { httpStatus: 403 } });

    await app.call('tasks.task.add', { fields: { TITLE: 'Из приложения', FLOW_ID: 1 } });
    await portal.eventsSettled();
    expect(handler.received.map((r) => r.body)).toEqual([
      expect.objectContaining({
        event: 'ONTASKADD',
        auth: expect.objectContaining({
          application_token: install!.auth.application_token,
          member_id: fixtureMemberId,
        }),
      }),
    ]);

    const deleted = await fetch(`${portal.url}/devops/local-apps/delete`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: clientId! }),
    });
    expect(deleted.status).toBe(200);
    await portal.eventsSettled();
    // b24restdocs api-reference/common/events/on-app-uninstall.md: no tokens, only the application token.
    expect(handler.received.at(-1)?.body).toEqual({
      event: 'ONAPPUNINSTALL',
      event_handler_id: expect.any(String),
      data: { LANGUAGE_ID: 'ru', CLEAN: '0' },
      ts: expect.any(String),
      auth: expect.objectContaining({ application_token: install!.auth.application_token, member_id: fixtureMemberId }),
    });
    expect(handler.received.at(-1)?.body.auth).not.toHaveProperty('access_token');
    await expect(app.call('profile')).rejects.toMatchObject({ details: { httpStatus: 401 } });
  });
});

describe('slow answers', () => {
  it('delays every REST answer by the switch', async () => {
    const [, client] = await portalWith({ slowMs: 300 });
    const started = Date.now();
    await client.call('server.time');
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
  });
});
