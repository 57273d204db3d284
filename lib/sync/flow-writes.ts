import { parsePortalDate } from '@/lib/bitrix24/portal-dates';
import type { PortalFlowData } from '@/lib/bitrix24/schemas';
import type { Prisma } from '@/lib/db/generated/client';
import { departmentPeople, type DepartmentPeople } from './department-people';

type Db = Prisma.TransactionClient;

const optionalInt = (value: unknown): number | null =>
  value === null || value === undefined || value === '' ? null : Number(value) || null;
const flag = (value: unknown): boolean => value === true || value === 'Y' || value === '1' || value === 1;

const positive = (id: number) => Number.isInteger(id) && id > 0;

/**
 * The people of `[type, id]` pairs (docs/bitrix24.md, "Flow teams made of departments"): users as they are, and departments as their
 * people, `17:F` without sub-departments and `17` with them (lib/sync/department-people.ts).
 */
function peopleOf(pairs: string[][], departments: DepartmentPeople): number[] {
  return pairs.flatMap(([type, value = '']) => {
    if (type === 'user' || type === 'U') return [Number(value)].filter(positive);
    if (type !== 'department') return [];
    const [id = '', flat] = value.split(':');
    return positive(Number(id)) ? departments(Number(id), flat !== 'F') : [];
  });
}

/** Owner, moderators (who distribute by hand in a manual flow) and the team, as member rows. */
export function flowMembers(
  flow: PortalFlowData,
  departments: DepartmentPeople,
): { bitrixUserId: number; role: 'owner' | 'moderator' | 'member' }[] {
  const rows = new Map<string, { bitrixUserId: number; role: 'owner' | 'moderator' | 'member' }>();
  const add = (bitrixUserId: number, role: 'owner' | 'moderator' | 'member') =>
    rows.set(`${bitrixUserId}:${role}`, { bitrixUserId, role });
  if (flow.ownerId > 0) add(flow.ownerId, 'owner');
  for (const id of peopleOf(flow.responsibleList, departments))
    add(id, flow.distributionType === 'manually' ? 'moderator' : 'member');
  for (const id of peopleOf(flow.team, departments)) add(id, 'member');
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
export async function upsertFlows(
  db: Db,
  portalId: string,
  flows: PortalFlowData[],
  timeZoneOffset: string,
): Promise<void> {
  const [departments, employees] = await Promise.all([
    db.department.findMany({ where: { portalId }, select: { bitrixDepartmentId: true, parentId: true } }),
    db.employee.findMany({ where: { portalId }, select: { bitrixUserId: true, departmentIds: true, active: true } }),
  ]);
  const people = departmentPeople(departments, employees);
  for (const flow of flows) {
    const columns = flowColumns(flow, timeZoneOffset);
    const { id } = await db.flow.upsert({
      where: { portalId_bitrixFlowId: { portalId, bitrixFlowId: flow.id } },
      create: { portalId, bitrixFlowId: flow.id, ...columns },
      update: columns,
      select: { id: true },
    });
    await db.flowMember.deleteMany({ where: { flowId: id } });
    await db.flowMember.createMany({ data: flowMembers(flow, people).map((member) => ({ flowId: id, ...member })) });
  }
}

/** Flows the portal says no longer exist leave the mirror (their tasks stay, unlinked). */
export async function removeFlows(db: Db, portalId: string, bitrixFlowIds: number[]): Promise<number> {
  if (bitrixFlowIds.length === 0) return 0;
  return (await db.flow.deleteMany({ where: { portalId, bitrixFlowId: { in: bitrixFlowIds } } })).count;
}
