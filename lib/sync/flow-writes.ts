import { parsePortalDate } from '@/lib/bitrix24/portal-dates';
import type { PortalFlowData } from '@/lib/bitrix24/schemas';
import type { Prisma } from '@/lib/db/generated/client';

type Db = Prisma.TransactionClient;

const optionalInt = (value: unknown): number | null => (value === null || value === undefined || value === '' ? null : Number(value) || null);
const flag = (value: unknown): boolean => value === true || value === 'Y' || value === '1' || value === 1;

/** The user ids of `[type, id]` pairs (reference §2.2); department entries are not people. */
function userIds(pairs: string[][]): number[] {
  return pairs.filter(([type]) => type === 'user' || type === 'U').map(([, id]) => Number(id)).filter((id) => Number.isInteger(id) && id > 0);
}

/** Owner, moderators (who distribute by hand in a manual flow) and the team, as member rows. */
export function flowMembers(flow: PortalFlowData): { bitrixUserId: number; role: 'owner' | 'moderator' | 'member' }[] {
  const rows = new Map<string, { bitrixUserId: number; role: 'owner' | 'moderator' | 'member' }>();
  const add = (bitrixUserId: number, role: 'owner' | 'moderator' | 'member') => rows.set(`${bitrixUserId}:${role}`, { bitrixUserId, role });
  if (flow.ownerId > 0) add(flow.ownerId, 'owner');
  for (const id of userIds(flow.responsibleList)) add(id, flow.distributionType === 'manually' ? 'moderator' : 'member');
  for (const id of userIds(flow.team)) add(id, 'member');
  return [...rows.values()];
}

/** Every Flow.get field, in columns where the product reads it and whole in `raw`. */
export function flowColumns(flow: PortalFlowData, timeZoneOffset: string) {
  const activity = parsePortalDate(flow.activity, timeZoneOffset);
  return {
    name: flow.name,
    active: flow.active,
    portalEfficiency: flow.efficiency === null || flow.efficiency === undefined ? null : Math.round(flow.efficiency),
    description: flow.description ?? '',
    creatorId: flow.creatorId ?? null,
    ownerId: flow.ownerId,
    groupId: flow.groupId ?? null,
    templateId: flow.templateId ?? 0,
    plannedCompletionTime: Math.round(flow.plannedCompletionTime),
    distributionType: flow.distributionType,
    matchWorkTime: flow.matchWorkTime,
    taskControl: flow.taskControl,
    responsibleCanChangeDeadline: flow.responsibleCanChangeDeadline,
    notifyAtHalfTime: flag(flow.notifyAtHalfTime),
    notifyOnQueueOverflow: optionalInt(flow.notifyOnQueueOverflow),
    notifyOnTasksInProgressOverflow: optionalInt(flow.notifyOnTasksInProgressOverflow),
    notifyWhenEfficiencyDecreases: optionalInt(flow.notifyWhenEfficiencyDecreases),
    activityAt: activity === null ? null : new Date(activity),
    raw: flow as Prisma.InputJsonValue,
    syncedAt: new Date(),
  };
}

/** Writes flows and replaces their member rows. */
export async function upsertFlows(db: Db, portalId: string, flows: PortalFlowData[], timeZoneOffset: string): Promise<void> {
  for (const flow of flows) {
    const columns = flowColumns(flow, timeZoneOffset);
    const { id } = await db.flow.upsert({
      where: { portalId_bitrixFlowId: { portalId, bitrixFlowId: flow.id } },
      create: { portalId, bitrixFlowId: flow.id, ...columns },
      update: columns,
      select: { id: true },
    });
    await db.flowMember.deleteMany({ where: { flowId: id } });
    await db.flowMember.createMany({ data: flowMembers(flow).map((member) => ({ flowId: id, ...member })) });
  }
}

/** Flows the portal says no longer exist leave the mirror (their tasks stay, unlinked). */
export async function removeFlows(db: Db, portalId: string, bitrixFlowIds: number[]): Promise<number> {
  if (bitrixFlowIds.length === 0) return 0;
  return (await db.flow.deleteMany({ where: { portalId, bitrixFlowId: { in: bitrixFlowIds } } })).count;
}
