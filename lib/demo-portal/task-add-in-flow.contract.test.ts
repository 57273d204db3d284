import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Bitrix24Client } from '@/lib/bitrix24/client';
import { fixtureCompany, fixtureFlow } from './testing/fixture-company';
import { startDemoPortal, type DemoPortal } from './server';

/**
 * tasks.task.add with FLOW_ID as the tasks module handles it (bitrix24-core-corp
 * modules/tasks/lib/Flow/Control/Task/Field/FlowFieldHandler.php, `modify`): an active flow sets
 * the assignee and the deadline by its rules; an inactive one only loses FLOW_ID, and the task is
 * made with the fields it was given.
 */
type AddedTask = { task: { id: string; flowId: string | null; responsibleId: string; deadline: string | null } };

let portal: DemoPortal;
let client: Bitrix24Client;
beforeAll(async () => {
  portal = await startDemoPortal({
    company: fixtureCompany({ flows: [fixtureFlow(1), fixtureFlow(2, { active: false })] }),
  });
  client = new Bitrix24Client({ connection: { kind: 'webhook', url: portal.webhookUrl } });
});
afterAll(() => portal.stop());

describe('a task added in a flow on the demo portal', () => {
  it('takes the assignee and the deadline from an active flow, whatever it was given', async () => {
    const { result } = await client.call<AddedTask>('tasks.task.add', {
      fields: { TITLE: 'В активный поток', FLOW_ID: 1, RESPONSIBLE_ID: 3, DEADLINE: '2030-01-01T12:00:00+03:00' },
    });
    expect(result.task.flowId).toBe('1');
    expect(result.task.responsibleId).toBe('2');
    expect(result.task.deadline).not.toBe('2030-01-01T12:00:00+03:00');
  });

  it('drops FLOW_ID for an inactive flow and keeps the given assignee and deadline', async () => {
    const { result } = await client.call<AddedTask>('tasks.task.add', {
      fields: { TITLE: 'В отключённый поток', FLOW_ID: 2, RESPONSIBLE_ID: 3, DEADLINE: '2030-01-01T12:00:00+03:00' },
    });
    expect(result.task.flowId).toBeNull();
    expect(result.task.responsibleId).toBe('3');
    expect(Date.parse(result.task.deadline!)).toBe(Date.parse('2030-01-01T12:00:00+03:00'));
  });

  it('refuses a flow that does not exist', async () => {
    await expect(
      client.call('tasks.task.add', { fields: { TITLE: 'В несуществующий поток', FLOW_ID: 99, RESPONSIBLE_ID: 3 } }),
    ).rejects.toMatchObject({ details: { httpStatus: 400 } });
  });
});
