import { portalAdminStatus } from '@/lib/bitrix24/api/directory';
import { getFlows } from '@/lib/bitrix24/api/flows';
import type { Bitrix24Client } from '@/lib/bitrix24/client';
import type { PortalFlowData } from '@/lib/bitrix24/schemas';
import type { PrismaClient } from '@/lib/db/client';
import { removeFlows, upsertFlows } from './flow-writes';
import { lockMirrorWrites } from './mirror-write-lock';
import { linkTasksToFlows } from './task-writes';

/**
 * Finds every flow and mirrors it (docs/sync.md): the flows the mirrored tasks point to, the
 * flows already mirrored and those an admin added by hand; then an id probe (flow ids are
 * sequential) over the gaps below the highest known id and past it, until two batches of 50 in a
 * row hold no readable flow, and never more than `maxProbeBatches` batches. Bitrix24 refuses a
 * missing flow, an unreadable one and every flow on a plan without Flows alike (docs/bitrix24.md,
 * "Errors, flow access and the webhook's user"), so a refused known flow is recorded as unreadable
 * and stays mirrored as it was; only when a portal admin, who reads every flow, is refused while
 * other flows are readable has the flow gone.
 */
export type FlowRefresh = { flows: number; removed: number; unreadable: number[] };

const probeBatch = 50;
const maxProbeBatches = 10;

async function knownFlowIds(db: PrismaClient, portalId: string): Promise<Set<number>> {
  const [fromTasks, mirrored, portal] = await Promise.all([
    db.$queryRaw<
      { id: number }[]
    >`SELECT DISTINCT "bitrixFlowId" AS id FROM task WHERE "portalId" = ${portalId}::uuid AND "bitrixFlowId" IS NOT NULL`,
    db.flow.findMany({ where: { portalId }, select: { bitrixFlowId: true } }),
    db.portal.findUniqueOrThrow({ where: { id: portalId }, select: { manualFlowIds: true } }),
  ]);
  return new Set([
    ...fromTasks.map((row) => row.id),
    ...mirrored.map((flow) => flow.bitrixFlowId),
    ...portal.manualFlowIds,
  ]);
}

/** Readable flows among ids never seen: gaps below the highest known id, then batches past it. */
async function probeFlows(
  client: Bitrix24Client,
  known: Set<number>,
  found: Map<number, PortalFlowData>,
): Promise<void> {
  const highest = Math.max(0, ...known, ...found.keys());
  const gaps = Array.from({ length: highest }, (_, index) => index + 1).filter((id) => !known.has(id));
  for (const flow of (await getFlows(client, gaps)).flows) found.set(flow.id, flow);
  let next = highest + 1;
  for (let batches = 0, emptyInARow = 0; emptyInARow < 2 && batches < maxProbeBatches; batches++, next += probeBatch) {
    const { flows } = await getFlows(
      client,
      Array.from({ length: probeBatch }, (_, index) => next + index),
    );
    for (const flow of flows) found.set(flow.id, flow);
    emptyInARow = flows.length === 0 ? emptyInARow + 1 : 0;
  }
}

export async function refreshFlows(
  db: PrismaClient,
  client: Bitrix24Client,
  portalId: string,
  timeZoneOffset: string,
  options: { probe?: boolean } = {},
): Promise<FlowRefresh> {
  const known = await knownFlowIds(db, portalId);
  const admin = await portalAdminStatus(client);
  const fetched = await getFlows(
    client,
    [...known].sort((a, b) => a - b),
  );
  const found = new Map(fetched.flows.map((flow) => [flow.id, flow]));
  if (options.probe ?? true) await probeFlows(client, known, found);

  // A plan without Flows refuses every flow, even to an admin: then nothing is gone, all is unreadable.
  const refusalMeansGone = admin === true && found.size > 0;
  const mirrored = new Set(
    (await db.flow.findMany({ where: { portalId }, select: { bitrixFlowId: true } })).map((flow) => flow.bitrixFlowId),
  );
  const gone = refusalMeansGone ? fetched.unreadable.filter((id) => mirrored.has(id)) : [];
  const unreadable = refusalMeansGone ? [] : fetched.unreadable;
  const flows = [...found.values()].sort((a, b) => a.id - b.id);
  const removed = await db.$transaction(
    async (tx) => {
      await lockMirrorWrites(tx, portalId);
      await upsertFlows(tx, portalId, flows, timeZoneOffset);
      const count = await removeFlows(tx, portalId, gone);
      await linkTasksToFlows(tx, portalId);
      await tx.portal.update({
        where: { id: portalId },
        data: { unreadableFlowIds: unreadable, connectionUserIsAdmin: admin },
      });
      return count;
    },
    // A thousand flows with their members take longer than Prisma's 5-second default.
    { timeout: 120_000 },
  );
  return { flows: flows.length, removed, unreadable };
}
