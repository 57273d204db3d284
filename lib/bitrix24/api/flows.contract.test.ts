import { afterEach, describe, expect, it } from 'vitest';
import { Bitrix24Client } from '../client';
import { startDemoPortal, type DemoPortal } from '@/lib/demo-portal/server';
import { fixtureCompany, fixtureFlow } from '@/lib/demo-portal/testing/fixture-company';
import { getFlow, getFlows } from './flows';
import { isPortalAdmin } from './directory';

/**
 * Who may read which flow, as the tasks module decides it (bitrix24-core-corp:
 * modules/tasks/lib/Flow/Access/Rule/FlowReadRule.php, FlowModel.php): a portal admin reads
 * every flow; anyone else reads a flow open to all users (unless extranet), one they are a
 * member of (creator, owner, task creator, responsible), or one naming a department of theirs
 * ("17:F" that department only, "17" with its sub-departments). Everything else, a flow that
 * does not exist included, is error "0" with HTTP 400 (b24restdocs:
 * api-reference/tasks/flow/tasks-flow-flow-get.md) in the portal's language.
 */
const flows = [
  fixtureFlow(1),
  fixtureFlow(2, { taskCreators: [['user', '1']], responsibleList: [['user', '2']], team: [['user', '2']] }),
  fixtureFlow(3, { taskCreators: [['department', '2:F']], responsibleList: [['user', '1']], team: [['user', '1']] }),
  fixtureFlow(4, { taskCreators: [['department', '1:F']], responsibleList: [['user', '1']], team: [['user', '1']] }),
  fixtureFlow(5, { taskCreators: [['department', '1']], responsibleList: [['user', '1']], team: [['user', '1']] }),
];
const company = fixtureCompany({ flows });
const portals: DemoPortal[] = [];
afterEach(async () => {
  await Promise.all(portals.splice(0).map((portal) => portal.stop()));
});

async function demo(options: Parameters<typeof startDemoPortal>[0]) {
  const portal = await startDemoPortal(options);
  portals.push(portal);
  return portal;
}

const hooks = [
  { userId: 1, code: 'adminhook0000001', scopes: ['task', 'user', 'department'] },
  { userId: 2, code: 'engineerhook0002', scopes: ['task', 'user', 'department'] },
  { userId: 3, code: 'engineerhook0003', scopes: ['task', 'user', 'department'] },
];
const clientAs = (portal: DemoPortal, userId: number) =>
  new Bitrix24Client({
    connection: {
      kind: 'webhook',
      url: `${portal.url}/rest/${userId}/${hooks.find((hook) => hook.userId === userId)!.code}/`,
    },
  });

async function rawFlowGet(portal: DemoPortal, userId: number, flowId: number) {
  const hook = hooks.find((candidate) => candidate.userId === userId)!;
  const response = await fetch(`${portal.url}/rest/${userId}/${hook.code}/tasks.flow.Flow.get.json`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ flowId }),
  });
  return { status: response.status, body: (await response.json()) as unknown };
}

describe('reading flows as different users', () => {
  it('answers a missing or unreadable flow with error "0", HTTP 400, in Russian by default', async () => {
    const portal = await demo({ company, webhooks: hooks });
    expect(await rawFlowGet(portal, 1, 99)).toEqual({
      status: 400,
      body: { error: '0', error_description: 'Поток с таким ID не существует' },
    });
    expect(await rawFlowGet(portal, 2, 4)).toEqual({
      status: 400,
      body: { error: '0', error_description: 'Доступ запрещён или поток не найден' },
    });
    // A non-admin cannot tell a missing flow from a hidden one: the read rule is asked first.
    expect(await rawFlowGet(portal, 2, 99)).toEqual({
      status: 400,
      body: { error: '0', error_description: 'Доступ запрещён или поток не найден' },
    });
  });

  it('answers in English on an English portal', async () => {
    const portal = await demo({ company, webhooks: hooks, language: 'en' });
    expect((await rawFlowGet(portal, 1, 99)).body).toEqual({
      error: '0',
      error_description: 'Flow with this ID does not exist.',
    });
    expect((await rawFlowGet(portal, 2, 4)).body).toEqual({ error: '0', error_description: 'Cannot find flow' });
  });

  it('lets each user read the flows the module lets them read', async () => {
    const portal = await demo({ company, webhooks: hooks });
    const readable = async (userId: number) =>
      (await getFlows(clientAs(portal, userId), [1, 2, 3, 4, 5, 99])).flows.map((flow) => flow.id);
    expect(await readable(1)).toEqual([1, 2, 3, 4, 5]);
    expect(await readable(2)).toEqual([1, 2, 3, 5]);
    expect(await readable(3)).toEqual([1, 3, 4, 5]);
  });

  it('returns unreadable flows without failing the batch, in any language', async () => {
    for (const language of ['ru', 'en'] as const) {
      const portal = await demo({ company, webhooks: hooks, language });
      expect(await getFlows(clientAs(portal, 2), [1, 4, 99])).toMatchObject({ unreadable: [4, 99] });
      expect(await getFlow(clientAs(portal, 2), 4)).toBeNull();
      expect(await getFlow(clientAs(portal, 1), 99)).toBeNull();
    }
  });

  it('tells a portal admin from another user (user.admin)', async () => {
    const portal = await demo({ company, webhooks: hooks });
    expect(await isPortalAdmin(clientAs(portal, 1))).toBe(true);
    expect(await isPortalAdmin(clientAs(portal, 2))).toBe(false);
  });
});
