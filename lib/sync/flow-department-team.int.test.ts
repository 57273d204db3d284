import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Bitrix24Client } from '@/lib/bitrix24/client';
import { startDemoPortal, type DemoPortal } from '@/lib/demo-portal/server';
import { fixtureCompany, fixtureFlow, fixtureTask } from '@/lib/demo-portal/testing/fixture-company';
import { migratedDatabase, type MigratedDatabase } from '@/lib/testing/migrated-database';
import { executeSyncRun } from './run-sync';
import { requestSyncRun } from './sync-runs';

/**
 * A flow whose team and responsible list name departments, as Flow.get gives them (b24restdocs
 * `api-reference/tasks/flow/tasks-flow-flow-get.md`): after a full sync its members are the
 * departments' people, so load figures and CoPilot's assignee check see them. The fixture
 * company has department 2 (Support) under 1: Пётр (2) in 2, Анна (3) in 1 and 2, the dismissed
 * Олег (4) in 2, Ирина (1) in 1.
 */
let database: MigratedDatabase;
let portal: DemoPortal;
let portalId: string;

beforeAll(async () => {
  database = await migratedDatabase();
  const company = fixtureCompany({
    flows: [
      fixtureFlow(3, { ownerId: 1, distributionType: 'queue', responsibleList: [['department', '2:F']], team: [] }),
      fixtureFlow(4, {
        ownerId: 2,
        distributionType: 'himself',
        responsibleList: [['user', '2']],
        team: [['department', '1']],
      }),
    ],
    tasks: [fixtureTask(1, { flowId: '3' }), fixtureTask(2, { flowId: '4' })],
  });
  portal = await startDemoPortal({ company });
  ({ id: portalId } = await database.db.portal.create({
    data: { memberId: company.header.memberId, domain: company.header.domain, kind: 'demo', timeZoneOffset: '+03:00' },
  }));
});
afterAll(async () => {
  await portal?.stop();
  await database?.drop();
});

describe('flow teams made of departments', () => {
  it('mirrors the people of each department as members, sub-departments included unless :F', async () => {
    const { run } = await requestSyncRun(database.db, portalId, 'full');
    const outcome = await executeSyncRun(
      {
        db: database.db,
        client: new Bitrix24Client({ connection: { kind: 'webhook', url: portal.webhookUrl } }),
        owner: 'test',
      },
      run.id,
    );
    expect(outcome).toBe('succeeded');
    const members = async (bitrixFlowId: number) =>
      (
        await database.db.flowMember.findMany({
          where: { flow: { portalId, bitrixFlowId } },
          select: { bitrixUserId: true, role: true },
        })
      )
        .map((member) => `${member.bitrixUserId}:${member.role}`)
        .sort();
    expect(await members(3)).toEqual(['1:owner', '2:member', '3:member']);
    expect(await members(4)).toEqual(['1:member', '2:member', '2:owner', '3:member']);
  });
});
