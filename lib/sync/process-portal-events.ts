import { z } from 'zod';
import { getFlows } from '@/lib/bitrix24/api/flows';
import { mirroredTaskFields } from '@/lib/bitrix24/api/tasks';
import type { Bitrix24Client } from '@/lib/bitrix24/client';
import { portalTaskSchema } from '@/lib/bitrix24/schemas';
import type { PrismaClient } from '@/lib/db/client';
import { rollUpFigures } from '@/lib/metrics/daily-figure-rollup';
import { upsertFlows } from './flow-writes';
import { lockMirrorWrites } from './mirror-write-lock';
import { mirroredTask } from './mirrored-task';
import { readHistoryChanges, storeHistories } from './task-histories';
import { linkTasksToFlows, markTasksDeleted, upsertTasks } from './task-writes';

/**
 * Brings the tasks named by recorded events into the mirror: the oldest unprocessed events, 50
 * tasks at a time, each task read once however many events named it (one batch request), the
 * tasks the portal no longer has marked deleted (see below for a user who is not an admin), the
 * flows of the tasks touched read again, the histories of flow tasks re-read; then the events are
 * marked processed. Processing the same event twice
 * changes nothing, so a crash between the write and the mark is harmless. Then the flows the
 * tasks were in, before and after, are rolled up (today's and yesterday's figures, and what lies
 * ahead), so the pages' figures follow the events.
 */
const pageSize = 50;

export async function processPortalEvents(db: PrismaClient, client: Bitrix24Client, portalId: string): Promise<number> {
  const portal = await db.portal.findUniqueOrThrow({
    where: { id: portalId },
    select: { timeZoneOffset: true, connectionUserIsAdmin: true },
  });
  const offset = portal.timeZoneOffset;
  // As the last sync found it (user.admin); not known yet counts as not an admin.
  const seesEveryTask = portal.connectionUserIsAdmin === true;
  let processed = 0;
  const touched = new Set<string>();
  const noteFlowsOf = async (taskIds: number[]) => {
    const tasks = await db.task.findMany({
      where: { portalId, bitrixTaskId: { in: taskIds }, flowId: { not: null } },
      select: { flowId: true },
    });
    for (const task of tasks) touched.add(task.flowId!);
  };
  for (;;) {
    const events = await db.portalEvent.findMany({
      where: { portalId, processedAt: null },
      orderBy: { receivedAt: 'asc' },
      take: 500,
      select: { id: true, bitrixTaskId: true, event: true },
    });
    if (events.length === 0) {
      if (touched.size > 0) await rollUpFigures(db, portalId, { days: 2, flowIds: [...touched] });
      return processed;
    }
    const taskIds = [...new Set(events.map((event) => event.bitrixTaskId))].slice(0, pageSize);
    const covered = events.filter((event) => taskIds.includes(event.bitrixTaskId)).map((event) => event.id);

    const readAt = new Date();
    const { results, errors } = await client.batch(
      Object.fromEntries(
        taskIds.map((id) => [
          `t${id}`,
          { method: 'tasks.task.get', params: { taskId: id, select: mirroredTaskFields } },
        ]),
      ),
    );
    const deletedByEvent = new Set(
      events.filter((event) => event.event === 'ONTASKDELETE').map((event) => event.bitrixTaskId),
    );
    const present: ReturnType<typeof mirroredTask>[] = [];
    const gone: number[] = [];
    for (const id of taskIds) {
      const error = errors[`t${id}`];
      if (error && error.kind !== 'invalid-request') throw error;
      const result = results[`t${id}`];
      // The portal answers [] (or an error) for a task that no longer exists or that we may not see:
      // gone only when it says so (ONTASKDELETE), or when the connection's user is an admin, who sees every task.
      if (error || Array.isArray(result) || !result) {
        if (seesEveryTask || deletedByEvent.has(id)) gone.push(id);
      } else
        present.push(mirroredTask(portalTaskSchema.parse(z.object({ task: z.unknown() }).parse(result).task), offset));
    }

    const knownFlows = new Set(
      (await db.flow.findMany({ where: { portalId }, select: { bitrixFlowId: true } })).map(
        (flow) => flow.bitrixFlowId,
      ),
    );
    const goneFlowIds =
      gone.length === 0
        ? []
        : (
            await db.task.findMany({ where: { portalId, bitrixTaskId: { in: gone } }, select: { bitrixFlowId: true } })
          ).map((task) => task.bitrixFlowId);
    // A task added, changed or deleted makes Bitrix24 store its flow's efficiency afresh
    // (Efficiency::invalidate), so every flow touched is read again, not only flows not seen before.
    const touchedFlowIds = [
      ...new Set(
        [...present.map((task) => task.bitrixFlowId), ...goneFlowIds].filter((id): id is number => id !== null),
      ),
    ];
    const touchedFlows = touchedFlowIds.length ? (await getFlows(client, touchedFlowIds)).flows : [];
    const newFlows = touchedFlows.filter((flow) => !knownFlows.has(flow.id));
    const flowTaskIds = present.filter((task) => task.bitrixFlowId !== null).map((task) => task.bitrixTaskId);
    const changes = await readHistoryChanges(client, flowTaskIds, offset);

    // A task may leave its flow: the flow it was in changes too.
    await noteFlowsOf(taskIds);
    await db.$transaction(async (tx) => {
      await lockMirrorWrites(tx, portalId);
      if (touchedFlows.length) await upsertFlows(tx, portalId, touchedFlows, offset);
      await upsertTasks(tx, portalId, present, readAt);
      if (newFlows.length) await linkTasksToFlows(tx, portalId);
      await markTasksDeleted(tx, portalId, gone);
      await storeHistories(tx, portalId, flowTaskIds, changes);
      await tx.portalEvent.updateMany({ where: { id: { in: covered } }, data: { processedAt: new Date() } });
    });
    await noteFlowsOf(taskIds);
    processed += covered.length;
  }
}
