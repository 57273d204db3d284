import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Bitrix24Client } from '../client';
import { parsePhpQuery } from '../php-query';
import { fixtureCompany, fixtureFlow } from '../testing/fixture-company';
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

async function portalWith(options: Parameters<typeof startDemoPortal>[0]['faults'] = {}): Promise<[DemoPortal, Bitrix24Client]> {
  const portal = await startDemoPortal({ company: fixtureCompany({ flows: [fixtureFlow(1)] }), faults: options });
  closers.push(portal.stop);
  return [portal, new Bitrix24Client({ connection: { kind: 'webhook', url: portal.webhookUrl } })];
}

describe('task events', () => {
  it('posts ONTASKADD, ONTASKUPDATE and ONTASKDELETE form-encoded, with the task id and the application token', async () => {
    const [portal, client] = await portalWith();
    const handler = await receiver();
    for (const event of ['ONTASKADD', 'ONTASKUPDATE', 'ONTASKDELETE']) await client.call('event.bind', { event, handler: handler.url });
    const { result } = await client.call<{ task: { id: string } }>('tasks.task.add', { fields: { TITLE: 'Новая', FLOW_ID: 1 } });
    await client.call('tasks.task.update', { taskId: result.task.id, fields: { TITLE: 'Изменённая' } });
    await client.call('tasks.task.delete', { taskId: result.task.id });
    await portal.eventsSettled();

    expect(handler.received.map((r) => r.body.event)).toEqual(['ONTASKADD', 'ONTASKUPDATE', 'ONTASKDELETE']);
    expect(handler.received.every((r) => r.contentType === 'application/x-www-form-urlencoded')).toBe(true);
    const [added, updated, deleted] = handler.received.map((r) => r.body);
    expect(added).toMatchObject({ data: { FIELDS_BEFORE: 'undefined', FIELDS_AFTER: { ID: result.task.id }, IS_ACCESSIBLE_BEFORE: 'N' } });
    expect(updated).toMatchObject({ data: { FIELDS_BEFORE: { ID: result.task.id }, FIELDS_AFTER: { ID: result.task.id } } });
    expect(deleted).toMatchObject({ data: { FIELDS_AFTER: 'undefined', IS_ACCESSIBLE_AFTER: 'N' } });
    expect(added?.auth).toEqual({
      domain: 'fixture.bitrix24.test',
      client_endpoint: `${portal.url}/rest/`,
      server_endpoint: `${portal.url}/rest/`,
      member_id: 'fixture-member',
      application_token: portal.state.applicationToken,
    });
    expect(await client.call('event.get')).toMatchObject({ result: expect.arrayContaining([expect.objectContaining({ event: 'ONTASKADD', handler: handler.url })]) });
  });

  it('loses events when told to drop them, and never retries a handler that is down', async () => {
    const [portal, client] = await portalWith({ dropEventRate: 1 });
    const handler = await receiver();
    await client.call('event.bind', { event: 'ONTASKADD', handler: handler.url });
    await client.call('event.bind', { event: 'ONTASKUPDATE', handler: 'http://127.0.0.1:9/nobody-listens' });
    const { result } = await client.call<{ task: { id: string } }>('tasks.task.add', { fields: { TITLE: 'Тихая', FLOW_ID: 1 } });
    portal.faults.dropEventRate = 0;
    await client.call('tasks.task.start', { taskId: result.task.id });
    await portal.eventsSettled();
    expect(handler.received).toEqual([]);
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
