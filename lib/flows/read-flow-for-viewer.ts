import type { PrismaClient } from '@/lib/db/client';
import type { Viewer } from '@/lib/auth/viewer';
import { visibleFlowsWhere } from './flow-access';

export type FlowTeamMember = { bitrixUserId: number; name: string; role: 'owner' | 'moderator' | 'member' };
export type FlowDetail = { id: string; name: string; active: boolean; portalEfficiency: number | null; team: FlowTeamMember[] };

/**
 * One flow, only if the viewer may see it. Null both when it does not exist and when it is out
 * of scope, so the answer does not reveal which flows exist.
 */
export async function readFlowForViewer(db: PrismaClient, viewer: Viewer, flowId: string): Promise<FlowDetail | null> {
  if (!/^[0-9a-f-]{36}$/i.test(flowId)) return null;
  const flow = await db.flow.findFirst({
    where: { AND: [{ id: flowId }, visibleFlowsWhere(viewer)] },
    select: { id: true, name: true, active: true, portalId: true, portalEfficiency: true, members: { select: { bitrixUserId: true, role: true } } },
  });
  if (!flow) return null;
  const employees = await db.employee.findMany({
    where: { portalId: flow.portalId, bitrixUserId: { in: flow.members.map((m) => m.bitrixUserId) } },
    select: { bitrixUserId: true, name: true, lastName: true },
  });
  const names = new Map(employees.map((e) => [e.bitrixUserId, `${e.name} ${e.lastName}`.trim()]));
  const order = { owner: 0, moderator: 1, member: 2 } as const;
  return {
    id: flow.id,
    name: flow.name,
    active: flow.active,
    portalEfficiency: flow.portalEfficiency,
    team: flow.members
      .map((m) => ({ bitrixUserId: m.bitrixUserId, role: m.role, name: names.get(m.bitrixUserId) ?? `#${m.bitrixUserId}` }))
      .sort((a, b) => order[a.role] - order[b.role] || a.name.localeCompare(b.name)),
  };
}
