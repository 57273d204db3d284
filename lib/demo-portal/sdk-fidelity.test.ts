import https from 'node:https';
import { B24Hook } from '@bitrix24/b24jssdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureCompany, fixtureFlow, manyTasks } from './testing/fixture-company';
import { startDemoPortal, type DemoPortal } from './server';

/**
 * Fidelity: the official SDK @bitrix24/b24jssdk, an independent and widely used client, agrees
 * with the demo portal. The SDK insists on https, so the portal serves its self-signed
 * certificate and this process trusts it.
 */
let portal: DemoPortal;
let hook: B24Hook;
const previousCa = https.globalAgent.options.ca;

beforeAll(async () => {
  portal = await startDemoPortal({
    company: fixtureCompany({ flows: [fixtureFlow(1), fixtureFlow(2)], tasks: manyTasks(173) }),
    https: true,
  });
  https.globalAgent.options.ca = portal.certificate!;
  hook = B24Hook.fromWebhookUrl(portal.webhookUrl, {
    restrictionParams: { rateLimit: { burstLimit: 50, drainRate: 2 } } as never,
  });
  hook.offClientSideWarning();
});
afterAll(async () => {
  https.globalAgent.options.ca = previousCa;
  await portal.stop();
});

describe('the official Bitrix24 SDK against the demo portal', () => {
  it('lists every task with its own list helper (fast cursor)', async () => {
    const response = await hook.actions.v2.callList.make<{ id: string; title: string }>({
      method: 'tasks.task.list',
      params: { select: ['ID', 'TITLE'] },
      idKey: 'id',
      cursorIdKey: 'ID',
      customKeyForResult: 'tasks',
    });
    expect(response.isSuccess, response.getErrorMessages().join('; ')).toBe(true);
    const tasks = response.getData() ?? [];
    expect(tasks.map((task) => Number(task.id))).toEqual(Array.from({ length: 173 }, (_, index) => index + 1));
    expect(tasks[0]?.title).toBe('Задача 1');
  });

  it('runs a batch and gets each result', async () => {
    const response = await hook.actions.v2.batch.make<unknown>({
      calls: {
        time: { method: 'server.time' },
        flow: { method: 'tasks.flow.Flow.get', params: { flowId: 2 } },
        me: { method: 'user.current' },
      },
      options: { isHaltOnError: true },
    });
    expect(response.isSuccess, response.getErrorMessages().join('; ')).toBe(true);
    const data = response.getData() as Record<string, unknown>;
    expect(data.flow).toMatchObject({ id: 2, distributionType: 'queue' });
    expect(data.me).toMatchObject({ ID: '1' });
    expect(String(data.time)).toMatch(/\+03:00$/);
  });

  it("reads a portal error the SDK's way: a thrown AjaxError with the portal's description", async () => {
    await expect(hook.actions.v2.call.make({ method: 'tasks.flow.Flow.get', params: { flowId: 404 } })).rejects.toThrow(
      'Поток с таким ID не существует',
    );
  });
});
