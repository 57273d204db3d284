import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Bitrix24Client } from '@/lib/bitrix24/client';
import { startDemoPortal, type DemoPortal } from '@/lib/demo-portal/server';
import { fixtureCompany, fixtureFlow, fixtureTask } from '@/lib/demo-portal/testing/fixture-company';
import { migratedDatabase, type MigratedDatabase } from '@/lib/testing/migrated-database';
import { refreshFlows } from './flow-refresh';

/**
 * Finding flows as a portal admin and as a webhook user who is not one. For anyone but an admin
 * Bitrix24 answers a flow that does not exist exactly like one they may not read (error "0",
 * worded in the portal's language; bitrix24-core-corp: modules/tasks/lib/Flow/Access/Rule/FlowReadRule.php),
 * so the id probe must end on its own, unreadable flows are recorded rather than failing the
 * sync, and nothing is removed from the mirror for being unreadable.
 */
const hooks = [
  { userId: 1, code: 'adminhook0000001', scopes: ['task', 'user', 'department'] },
  { userId: 2, code: 'engineerhook0002', scopes: ['task', 'user', 'department'] },
];
const company = () =>
  fixtureCompany({
    flows: [
      fixtureFlow(1),
      fixtureFlow(2, { taskCreators: [['user', '1']], responsibleList: [['user', '2']], team: [['user', '2']] }),
      fixtureFlow(3),
      fixtureFlow(4, {
        taskCreators: [['department', '1:F']],
        responsibleList: [['user', '1']],
        team: [['user', '1']],
      }),
    ],
    tasks: [fixtureTask(1, { flowId: '2' }), fixtureTask(2, { flowId: '4' })],
  });

let database: MigratedDatabase;
let portal: DemoPortal;
let portalId: string;
let requests: number;

beforeAll(async () => {
  database = await migratedDatabase();
});
afterAll(async () => {
  await database?.drop();
});
beforeEach(async () => {
  await portal?.stop();
  portal = await startDemoPortal({ company: company(), webhooks: hooks });
  await database.db.portal.deleteMany();
  ({ id: portalId } = await database.db.portal.create({
    data: { memberId: 'fixture-member', domain: 'fixture.bitrix24.test', kind: 'webhook' },
  }));
  await database.db.task.createMany({
    data: [2, 4].map((flowId) => ({
      portalId,
      bitrixTaskId: flowId,
      bitrixFlowId: flowId,
      title: 't',
      status: 2,
      createdBy: 1,
      responsibleId: 2,
      createdAt: new Date(),
      changedAt: new Date(),
      raw: {},
    })),
  });
});

/** A client as `userId` that fails past 100 requests, so a probe that never ends fails the test instead of hanging it. */
function clientAs(userId: number): Bitrix24Client {
  requests = 0;
  const hook = hooks.find((candidate) => candidate.userId === userId)!;
  return new Bitrix24Client({
    connection: { kind: 'webhook', url: `${portal.url}/rest/${hook.userId}/${hook.code}/` },
    fetch: async (input, init) => {
      if (++requests > 100) throw new Error('the flow probe did not end');
      return fetch(input, init);
    },
  });
}

const mirroredIds = async () =>
  (await database.db.flow.findMany({ where: { portalId }, orderBy: { bitrixFlowId: 'asc' } })).map(
    (flow) => flow.bitrixFlowId,
  );

describe('refreshFlows', () => {
  it('as a user who is not an admin: ends the probe, records what they cannot read, removes nothing', async () => {
    await refreshFlows(database.db, clientAs(1), portalId, '+03:00');
    expect(await mirroredIds()).toEqual([1, 2, 3, 4]);

    const refreshed = await refreshFlows(database.db, clientAs(2), portalId, '+03:00');
    expect(requests).toBeLessThan(30);
    expect(refreshed).toMatchObject({ flows: 3, removed: 0, unreadable: [4] });
    expect(await mirroredIds()).toEqual([1, 2, 3, 4]);
    expect(await database.db.portal.findUniqueOrThrow({ where: { id: portalId } })).toMatchObject({
      unreadableFlowIds: [4],
      connectionUserIsAdmin: false,
    });
  });

  it('in Russian and in English alike', async () => {
    portal.options.language = 'en';
    const refreshed = await refreshFlows(database.db, clientAs(2), portalId, '+03:00');
    expect(refreshed).toMatchObject({ flows: 3, unreadable: [4] });
  });

  it('as an admin: a flow that is gone leaves the mirror, and the unreadable list empties', async () => {
    await refreshFlows(database.db, clientAs(2), portalId, '+03:00');
    await refreshFlows(database.db, clientAs(1), portalId, '+03:00');
    portal.state.flows.delete(3);
    const refreshed = await refreshFlows(database.db, clientAs(1), portalId, '+03:00');
    expect(refreshed).toMatchObject({ flows: 3, removed: 1, unreadable: [] });
    expect(await mirroredIds()).toEqual([1, 2, 4]);
    expect(await database.db.portal.findUniqueOrThrow({ where: { id: portalId } })).toMatchObject({
      unreadableFlowIds: [],
      connectionUserIsAdmin: true,
    });
  });

  it('on a plan without Flows: nothing is removed, every known flow is unreadable', async () => {
    await refreshFlows(database.db, clientAs(1), portalId, '+03:00');
    portal.options.flowsEnabled = false;
    const refreshed = await refreshFlows(database.db, clientAs(1), portalId, '+03:00');
    expect(refreshed).toMatchObject({ flows: 0, removed: 0, unreadable: [1, 2, 3, 4] });
    expect(await mirroredIds()).toEqual([1, 2, 3, 4]);
  });
});

afterAll(async () => {
  await portal?.stop();
});
