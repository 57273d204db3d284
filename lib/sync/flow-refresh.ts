import { flowListAvailable, getFlows, listFlows } from '@/lib/bitrix24/api/flows';
import type { Bitrix24Client } from '@/lib/bitrix24/client';
import type { PortalFlowData } from '@/lib/bitrix24/schemas';
import type { PrismaClient } from '@/lib/db/client';
import { removeFlows, upsertFlows } from './flow-writes';
import { linkTasksToFlows } from './task-writes';

/**
 * Finds every flow and mirrors it, by reference §2.4: the flows the mirrored tasks point to,
 * the flows already mirrored and those an admin added by hand; the undocumented list method
 * where the portal offers it; then an ID probe past the highest known id (flow ids are
 * sequential) over the gaps below the highest known id and past it, stopping after two batches
 * of 50 in a row that hold nothing, which finds flows without tasks. Flows the portal reports as not found leave the mirror.
 */
export type FlowRefresh = { flows: number; removed: number; inaccessible: number[] };

async function knownFlowIds(db: PrismaClient, portalId: string): Promise<Set<number>> {
  const [fromTasks, mirrored, portal] = await Promise.all([
    db.$queryRaw<{ id: number }[]>`SELECT DISTINCT "bitrixFlowId" AS id FROM task WHERE "portalId" = ${portalId}::uuid AND "bitrixFlowId" IS NOT NULL`,
    db.flow.findMany({ where: { portalId }, select: { bitrixFlowId: true } }),
    db.portal.findUniqueOrThrow({ where: { id: portalId }, select: { manualFlowIds: true } }),
  ]);
  return new Set([...fromTasks.map((row) => row.id), ...mirrored.map((flow) => flow.bitrixFlowId), ...portal.manualFlowIds]);
}

async function listedFlows(client: Bitrix24Client): Promise<PortalFlowData[]> {
  try {
    return (await flowListAvailable(client)) ? await listFlows(client) : [];
  } catch {
    // The list method is undocumented; where it misbehaves the other paths still find every flow.
    return [];
  }
}

export async function refreshFlows(db: PrismaClient, client: Bitrix24Client, portalId: string, timeZoneOffset: string, options: { probe?: boolean } = {}): Promise<FlowRefresh> {
  const ids = await knownFlowIds(db, portalId);
  const found = new Map<number, PortalFlowData>();
  for (const flow of await listedFlows(client)) found.set(flow.id, flow);
  const pending = [...ids].filter((id) => !found.has(id));
  const fetched = await getFlows(client, pending);
  for (const flow of fetched.flows) found.set(flow.id, flow);
  const inaccessible = [...fetched.inaccessible];

  if (options.probe ?? true) {
    // Flow ids are sequential: gaps below the highest known id may be flows without tasks too.
    const highest = Math.max(0, ...ids, ...found.keys());
    const gaps = Array.from({ length: highest }, (_, index) => index + 1).filter((id) => !found.has(id) && !ids.has(id));
    const gapProbe = await getFlows(client, gaps);
    for (const flow of gapProbe.flows) found.set(flow.id, flow);
    inaccessible.push(...gapProbe.inaccessible);
    let next = highest + 1;
    for (let emptyInARow = 0; emptyInARow < 2; next += 50) {
      const probe = await getFlows(client, Array.from({ length: 50 }, (_, index) => next + index));
      for (const flow of probe.flows) found.set(flow.id, flow);
      inaccessible.push(...probe.inaccessible);
      emptyInARow = probe.flows.length === 0 && probe.inaccessible.length === 0 ? emptyInARow + 1 : 0;
    }
  }

  const mirrored = new Set((await db.flow.findMany({ where: { portalId }, select: { bitrixFlowId: true } })).map((flow) => flow.bitrixFlowId));
  const gone = fetched.missing.filter((id) => mirrored.has(id));
  const flows = [...found.values()].sort((a, b) => a.id - b.id);
  const removed = await db.$transaction(
    async (tx) => {
      await upsertFlows(tx, portalId, flows, timeZoneOffset);
      const count = await removeFlows(tx, portalId, gone);
      await linkTasksToFlows(tx, portalId);
      return count;
    },
    // A thousand flows with their members take longer than Prisma's 5-second default.
    { timeout: 120_000 },
  );
  return { flows: flows.length, removed, inaccessible };
}
