import type { PrismaClient } from '@/lib/db/client';
import { createRandom } from '@/lib/demo-portal/generator/random';
import type { MetricTask } from '../metric-task';
import { metricTaskFromMirror } from '../mirrored-metric-task';

/**
 * Mirror rows for the metric tests: portals, flows, tasks and their history written the way the
 * sync writes them, and read back as the MetricTask[] the pure functions take, so SQL and JS
 * are compared over the very same rows.
 */
export type FixtureTask = MetricTask & { flowId: string | null; deletedAt?: number | null };

let nextBitrixId = 1;

export async function insertPortal(db: PrismaClient, timeZoneOffset = '+03:00'): Promise<string> {
  const id = nextBitrixId++;
  const portal = await db.portal.create({
    data: { memberId: `member-${id}`, domain: `p${id}.bitrix24.ru`, kind: 'demo', timeZoneOffset },
  });
  return portal.id;
}

export async function insertFlow(
  db: PrismaClient,
  portalId: string,
  data: { name?: string; portalEfficiency?: number | null; members?: number[] } = {},
): Promise<string> {
  const bitrixFlowId = nextBitrixId++;
  const flow = await db.flow.create({
    data: {
      portalId,
      bitrixFlowId,
      name: data.name ?? `Flow ${bitrixFlowId}`,
      portalEfficiency: data.portalEfficiency ?? null,
      members: { create: (data.members ?? []).map((bitrixUserId) => ({ bitrixUserId, role: 'member' as const })) },
    },
  });
  return flow.id;
}

const iso = (time: number | null) => (time === null ? null : new Date(time).toISOString());

/** Writes tasks (their `id` is the Bitrix24 task id) and their deadline and status history. */
export async function insertTasks(db: PrismaClient, portalId: string, tasks: readonly FixtureTask[]): Promise<void> {
  await db.task.createMany({
    data: tasks.map((task) => ({
      portalId,
      bitrixTaskId: task.id,
      flowId: task.flowId,
      title: `Task ${task.id}`,
      status: task.status,
      createdBy: task.createdBy,
      responsibleId: task.responsibleId,
      createdAt: new Date(task.createdAt),
      changedAt: new Date(Math.max(task.createdAt, task.closedAt ?? 0)),
      startedAt: task.startedAt === null ? null : new Date(task.startedAt),
      closedAt: task.closedAt === null ? null : new Date(task.closedAt),
      deadline: task.deadline === null ? null : new Date(task.deadline),
      deletedAt: task.deletedAt ? new Date(task.deletedAt) : null,
      raw: {},
    })),
  });
  await db.taskChange.createMany({
    data: tasks.flatMap((task) => [
      ...(task.deadlineChanges ?? []).map((change, index, all) => ({
        portalId,
        bitrixTaskId: task.id,
        field: 'deadline' as const,
        fromValue: iso(change.from),
        toValue: iso(index + 1 < all.length ? all[index + 1]!.from : task.deadline),
        changedAt: new Date(change.changedAt),
        source: 'history' as const,
      })),
      ...(task.statusChanges ?? []).map((change) => ({
        portalId,
        bitrixTaskId: task.id,
        field: 'status' as const,
        fromValue: String(change.from),
        toValue: String(change.to),
        changedAt: new Date(change.at),
        source: 'history' as const,
      })),
    ]),
  });
}

/** A flow's mirrored tasks (deleted ones left out) with their history, as the JS metrics take them. */
export async function loadMetricTasks(db: PrismaClient, flowId: string): Promise<MetricTask[]> {
  const tasks = await db.task.findMany({ where: { flowId, deletedAt: null }, orderBy: { bitrixTaskId: 'asc' } });
  const changes = await db.taskChange.findMany({
    where: { OR: tasks.map((task) => ({ portalId: task.portalId, bitrixTaskId: task.bitrixTaskId })) },
    orderBy: [{ changedAt: 'asc' }, { id: 'asc' }],
  });
  return tasks.map((task) =>
    metricTaskFromMirror(
      task,
      changes.filter((change) => change.portalId === task.portalId && change.bitrixTaskId === task.bitrixTaskId),
    ),
  );
}

const hour = 3_600_000;
const day = 24 * hour;

/**
 * A seeded random mix of tasks over the last ~150 days before `now`: every status, tasks with and
 * without deadlines, creators who are their own assignee, deadlines moved before and after they
 * were overrun, status histories (some going back to pending), deleted tasks and tasks outside
 * any flow. Every moment is at or before `now`, as in a real mirror.
 */
export function randomTasks(
  seed: string,
  count: number,
  flowIds: readonly (string | null)[],
  now: number,
): FixtureTask[] {
  const random = createRandom('metric-fixture', seed);
  const people = [101, 102, 103, 104, 105, 106];
  return Array.from({ length: count }, () => {
    const id = nextBitrixId++;
    const createdAt = now - Math.floor(random.between(0, 150 * day));
    const clamp = (time: number) => Math.min(now, Math.floor(time));
    const status = random.pick([1, 2, 2, 3, 3, 4, 5, 5, 5, 5, 6, 7]);
    const started =
      status === 3 || status === 4 || (status >= 5 && random.chance(0.8))
        ? clamp(createdAt + random.logNormal(day, 1.2))
        : null;
    const closed =
      status === 5 || status === 7 || (status === 4 && random.chance(0.3))
        ? clamp((started ?? createdAt) + random.logNormal(2 * day, 1))
        : null;
    const deadline = random.chance(0.85) ? Math.floor(createdAt + random.logNormal(3 * day, 0.8)) : null;
    const responsibleId = random.pick(people);
    const task: FixtureTask = {
      id,
      flowId: random.pick(flowIds),
      status,
      createdBy: random.chance(0.1) ? responsibleId : random.pick(people),
      responsibleId,
      createdAt,
      startedAt: started,
      closedAt: closed,
      deadline,
      deletedAt: random.chance(0.04) ? now : null,
      deadlineChanges: [],
      statusChanges: [],
    };
    if (deadline !== null && random.chance(0.25)) {
      // The deadline was moved once or twice; sometimes only after it had passed.
      let from = Math.floor(createdAt + random.logNormal(2 * day, 0.8));
      let changedAt = clamp(createdAt + random.between(0.2, 1.5) * (from - createdAt));
      const moves = random.int(1, 2);
      for (let move = 0; move < moves && changedAt <= now; move++) {
        task.deadlineChanges!.push({ from: random.chance(0.1) ? null : from, changedAt });
        from = Math.floor(changedAt + random.logNormal(2 * day, 0.8));
        changedAt = clamp(changedAt + random.between(0.5, 3) * day);
      }
      if (task.deadlineChanges!.at(-1)!.changedAt >= now) task.deadlineChanges!.pop();
    }
    if (random.chance(0.35)) {
      // A status history; now and then it goes back to pending before being taken again.
      let at = createdAt;
      let from = 2;
      const step = (to: number, time: number) => {
        at = clamp(Math.max(at, time));
        task.statusChanges!.push({ from, to, at });
        from = to;
      };
      if (started !== null) {
        if (random.chance(0.2)) {
          step(3, createdAt + (started - createdAt) / 3);
          step(2, createdAt + (2 * (started - createdAt)) / 3);
        }
        step(3, started);
      }
      if (status === 4) step(4, closed ?? now - random.between(0, day));
      if (closed !== null) step(status === 4 ? 4 : status, closed);
      if (status === 6) step(6, createdAt + random.between(0, day));
    }
    return task;
  });
}
