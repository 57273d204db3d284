import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '@/lib/auth/viewer';
import { migratedDatabase, type MigratedDatabase } from '@/lib/testing/migrated-database';
import { flowDashboard } from '@/lib/dashboards/flow-dashboard';
import { flowsList } from '@/lib/dashboards/flows-list';
import { visibleFlowsWhere } from './flow-access';

let database: MigratedDatabase;
let portalId: string;
let otherPortalId: string;
const flowIds: Record<string, string> = {};

beforeAll(async () => {
  database = await migratedDatabase();
  const { db } = database;
  portalId = (await db.portal.create({ data: { memberId: 'm1', domain: 'one.test', kind: 'webhook' } })).id;
  otherPortalId = (await db.portal.create({ data: { memberId: 'm2', domain: 'two.test', kind: 'webhook' } })).id;
  await db.employee.create({ data: { portalId, bitrixUserId: 5, name: 'Olga', lastName: 'Owner' } });
  const flow = async (key: string, portal: string, members: [number, 'owner' | 'moderator' | 'member'][]) => {
    flowIds[key] = (
      await db.flow.create({
        data: {
          portalId: portal,
          bitrixFlowId: Object.keys(flowIds).length + 1,
          name: key,
          members: { create: members.map(([bitrixUserId, role]) => ({ bitrixUserId, role })) },
        },
      })
    ).id;
  };
  await flow('owned', portalId, [[5, 'owner']]);
  await flow('moderated', portalId, [
    [9, 'owner'],
    [5, 'moderator'],
  ]);
  await flow('member', portalId, [
    [9, 'owner'],
    [5, 'member'],
  ]);
  await flow('foreign', portalId, [[9, 'owner']]);
  await flow('granted', portalId, [[9, 'owner']]);
  // Same employee id on another portal is another person.
  await flow('other-portal', otherPortalId, [[5, 'owner']]);
});
afterAll(() => database.drop());

async function viewerWithGrant(bitrixUserId: number | null): Promise<Viewer> {
  const user = await database.db.user.create({
    data: {
      email: `lead${bitrixUserId ?? 'none'}@x.test`,
      name: 'Lead',
      role: 'lead',
      portalId: bitrixUserId ? portalId : null,
      bitrixUserId,
    },
  });
  await database.db.flowAccessGrant.create({ data: { userId: user.id, flowId: flowIds.granted! } });
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: 'lead',
    portalId: user.portalId,
    bitrixUserId: user.bitrixUserId,
  };
}

const listVisibleFlows = async (db: MigratedDatabase['db'], viewer: Viewer) =>
  (await flowsList(db, visibleFlowsWhere(viewer))).rows;
const readFlowForViewer = (db: MigratedDatabase['db'], viewer: Viewer, flowId: string) =>
  flowDashboard(db, visibleFlowsWhere(viewer), flowId);

describe('flow scope', () => {
  it('a lead sees the flows they own, moderate or work in on their portal, plus granted ones', async () => {
    const lead = await viewerWithGrant(5);
    expect((await listVisibleFlows(database.db, lead)).map((f) => f.name)).toEqual([
      'granted',
      'member',
      'moderated',
      'owned',
    ]);
    expect(await readFlowForViewer(database.db, lead, flowIds.foreign!)).toBeNull();
    expect(await readFlowForViewer(database.db, lead, flowIds['other-portal']!)).toBeNull();
    expect((await readFlowForViewer(database.db, lead, flowIds.owned!))?.flow.team).toEqual([
      { bitrixUserId: 5, name: 'Olga Owner', photoUrl: null, role: 'owner' },
    ]);
  });

  it('an unlinked lead sees only granted flows', async () => {
    const lead = await viewerWithGrant(null);
    expect((await listVisibleFlows(database.db, lead)).map((f) => f.name)).toEqual(['granted']);
  });

  it('executives and admins see every flow; malformed ids read as absent', async () => {
    for (const role of ['executive', 'admin'] as const) {
      const viewer: Viewer = {
        id: '00000000-0000-4000-8000-000000000001',
        email: '',
        name: '',
        role,
        portalId: null,
        bitrixUserId: null,
      };
      expect(await listVisibleFlows(database.db, viewer)).toHaveLength(6);
      expect(await readFlowForViewer(database.db, viewer, flowIds.foreign!)).not.toBeNull();
      expect(await readFlowForViewer(database.db, viewer, "1' OR '1'='1")).toBeNull();
    }
  });
});
