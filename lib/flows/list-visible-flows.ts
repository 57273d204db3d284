import type { PrismaClient } from '@/lib/db/client';
import type { Viewer } from '@/lib/auth/viewer';
import { visibleFlowsWhere } from './flow-access';

export type FlowListItem = {
  id: string;
  name: string;
  active: boolean;
  portalEfficiency: number | null;
  owner: string | null;
};

/** The flows the viewer may see, by name, with their owner's name. */
export async function listVisibleFlows(db: PrismaClient, viewer: Viewer): Promise<FlowListItem[]> {
  const flows = await db.flow.findMany({
    where: visibleFlowsWhere(viewer),
    orderBy: { name: 'asc' },
    select: {
      id: true,
      name: true,
      active: true,
      portalId: true,
      portalEfficiency: true,
      members: { where: { role: 'owner' }, select: { bitrixUserId: true }, take: 1 },
    },
  });
  const owners = await db.employee.findMany({
    where: { OR: flows.flatMap((flow) => flow.members.map((m) => ({ portalId: flow.portalId, bitrixUserId: m.bitrixUserId }))) },
    select: { portalId: true, bitrixUserId: true, name: true, lastName: true },
  });
  const ownerName = new Map(owners.map((e) => [`${e.portalId}:${e.bitrixUserId}`, `${e.name} ${e.lastName}`.trim()]));
  return flows.map((flow) => {
    const owner = flow.members[0];
    return {
      id: flow.id,
      name: flow.name,
      active: flow.active,
      portalEfficiency: flow.portalEfficiency,
      owner: owner ? (ownerName.get(`${flow.portalId}:${owner.bitrixUserId}`) ?? `#${owner.bitrixUserId}`) : null,
    };
  });
}
