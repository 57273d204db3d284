import type { PrismaClient } from '@/lib/db/client';

export type FlowGrantOption = { id: string; name: string; granted: boolean; member: boolean };

/** Every flow, marked with whether the user was granted it and whether their employee is in it anyway. */
export async function flowGrantOptions(
  db: PrismaClient,
  userId: string,
): Promise<{ name: string; flows: FlowGrantOption[] } | null> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { name: true, portalId: true, bitrixUserId: true, flowGrants: { select: { flowId: true } } },
  });
  if (!user) return null;
  const flows = await db.flow.findMany({
    orderBy: { name: 'asc' },
    select: {
      id: true,
      name: true,
      portalId: true,
      members:
        user.bitrixUserId === null ? false : { where: { bitrixUserId: user.bitrixUserId }, select: { role: true } },
    },
  });
  const granted = new Set(user.flowGrants.map((grant) => grant.flowId));
  return {
    name: user.name,
    flows: flows.map((flow) => ({
      id: flow.id,
      name: flow.name,
      granted: granted.has(flow.id),
      member: flow.portalId === user.portalId && (flow.members?.length ?? 0) > 0,
    })),
  };
}
