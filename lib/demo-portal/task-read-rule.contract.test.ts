import { afterEach, describe, expect, it } from 'vitest';
import { Bitrix24Client } from '@/lib/bitrix24/client';
import { fixtureCompany, fixtureTask } from './testing/fixture-company';
import { startDemoPortal, type DemoPortal } from './server';

/**
 * Who sees which task, as the tasks module's read rule decides it (bitrix24-core-corp:
 * modules/tasks/lib/access/rule/taskreadrule.php): a portal admin sees every task; anyone else
 * the tasks they are a member of (creator, responsible, accomplice, auditor). The rule's other
 * grants (a project's "view all", the role permissions for department tasks) are portal settings
 * the demo portal leaves off. An unseen task is left out of tasks.task.list and answers
 * tasks.task.get with an empty result, as a deleted one does.
 */
const company = fixtureCompany({
  tasks: [
    fixtureTask(1, { createdBy: '1', responsibleId: '2' }),
    fixtureTask(2, { createdBy: '1', responsibleId: '1' }),
    fixtureTask(3, { createdBy: '1', responsibleId: '1', accomplices: ['3'] }),
    fixtureTask(4, { createdBy: '1', responsibleId: '1', auditors: ['2'] }),
  ],
});
const hooks = [
  { userId: 1, code: 'adminhook0000001', scopes: ['task'] },
  { userId: 2, code: 'memberhook000002', scopes: ['task'] },
  { userId: 3, code: 'memberhook000003', scopes: ['task'] },
];
const portals: DemoPortal[] = [];
afterEach(async () => {
  await Promise.all(portals.splice(0).map((portal) => portal.stop()));
});

const clientAs = (portal: DemoPortal, userId: number) =>
  new Bitrix24Client({
    connection: {
      kind: 'webhook',
      url: `${portal.url}/rest/${userId}/${hooks.find((hook) => hook.userId === userId)!.code}/`,
    },
  });

async function visibleIds(client: Bitrix24Client): Promise<string[]> {
  const { result } = await client.call<{ tasks: { id: string }[] }>('tasks.task.list', {
    order: { ID: 'asc' },
    select: ['ID'],
  });
  return result.tasks.map((task) => task.id);
}

describe('the demo portal reads tasks as the module lets each user', () => {
  it('lists every task to an admin and only their own to anyone else', async () => {
    const portal = await startDemoPortal({ company, webhooks: hooks, admins: [1] });
    portals.push(portal);
    expect(await visibleIds(clientAs(portal, 1))).toEqual(['1', '2', '3', '4']);
    expect(await visibleIds(clientAs(portal, 2))).toEqual(['1', '4']);
    expect(await visibleIds(clientAs(portal, 3))).toEqual(['3']);
  });

  it('answers tasks.task.get for an unseen task as for a deleted one', async () => {
    const portal = await startDemoPortal({ company, webhooks: hooks, admins: [1] });
    portals.push(portal);
    expect((await clientAs(portal, 3).call('tasks.task.get', { taskId: 2 })).result).toEqual([]);
    expect((await clientAs(portal, 3).call('tasks.task.get', { taskId: 99 })).result).toEqual([]);
    expect(
      (await clientAs(portal, 3).call<{ task: { id: string } }>('tasks.task.get', { taskId: 3 })).result.task.id,
    ).toBe('3');
  });
});
