import { parsePortalDate } from '@/lib/bitrix24/portal-dates';
import type { PortalState } from '@/lib/demo-portal/portal-state';
import type { PrismaClient } from '@/lib/db/client';

/**
 * Every way the mirror differs from the demo portal's live state: tasks missing or extra, any
 * task whose fields differ, flows and their reported efficiency, employees, and the stored
 * history rows. An empty list means the mirror holds exactly what the portal holds.
 */
export async function mirrorDifferences(
  db: PrismaClient,
  portalId: string,
  state: PortalState,
  options: { historyDays?: number } = {},
): Promise<string[]> {
  const differences: string[] = [];
  const note = (text: string) => {
    if (differences.length < 50) differences.push(text);
  };
  const time = (value: string | null) => (value === null ? null : parsePortalDate(value, state.offset));
  const mirrored = await db.task.findMany({ where: { portalId, deletedAt: null }, orderBy: { bitrixTaskId: 'asc' } });
  const byId = new Map(mirrored.map((task) => [task.bitrixTaskId, task]));
  const portalIds = new Set(state.tasks.map((task) => Number(task.record.id)));
  for (const task of mirrored)
    if (!portalIds.has(task.bitrixTaskId)) note(`task ${task.bitrixTaskId} is in the mirror but not on the portal`);
  for (const { record } of state.tasks) {
    const task = byId.get(Number(record.id));
    if (!task) {
      note(`task ${record.id} is missing from the mirror`);
      continue;
    }
    const expected = {
      title: record.title,
      status: Number(record.status),
      createdBy: Number(record.createdBy),
      responsibleId: Number(record.responsibleId),
      bitrixFlowId: record.flowId ? Number(record.flowId) : null,
      createdAt: time(record.createdDate),
      changedAt: time(record.changedDate),
      startedAt: time(record.dateStart),
      deadline: time(record.deadline),
      closedAt: time(record.closedDate),
      descriptionLength: record.description.length,
    };
    const actual = {
      title: task.title,
      status: task.status,
      createdBy: task.createdBy,
      responsibleId: task.responsibleId,
      bitrixFlowId: task.bitrixFlowId,
      createdAt: task.createdAt.getTime(),
      changedAt: task.changedAt.getTime(),
      startedAt: task.startedAt?.getTime() ?? null,
      deadline: task.deadline?.getTime() ?? null,
      closedAt: task.closedAt?.getTime() ?? null,
      descriptionLength: task.descriptionLength,
    };
    for (const field of Object.keys(expected) as (keyof typeof expected)[]) {
      if (expected[field] !== actual[field])
        note(`task ${record.id}.${field}: portal ${expected[field]}, mirror ${actual[field]}`);
    }
    if (record.flowId && task.flowId === null) note(`task ${record.id} is not linked to its flow ${record.flowId}`);
  }

  const flows = await db.flow.findMany({ where: { portalId }, include: { members: true } });
  const flowIds = new Set(flows.map((flow) => flow.bitrixFlowId));
  for (const id of state.flows.keys()) if (!flowIds.has(id)) note(`flow ${id} is missing from the mirror`);
  for (const flow of flows) {
    const source = state.flows.get(flow.bitrixFlowId);
    if (!source) {
      note(`flow ${flow.bitrixFlowId} is in the mirror but not on the portal`);
      continue;
    }
    if (source.name !== flow.name) note(`flow ${flow.bitrixFlowId}.name differs`);
    if (source.efficiency !== flow.portalEfficiency)
      note(`flow ${flow.bitrixFlowId}.efficiency: portal ${source.efficiency}, mirror ${flow.portalEfficiency}`);
    if (!flow.members.some((member) => member.role === 'owner' && member.bitrixUserId === source.ownerId))
      note(`flow ${flow.bitrixFlowId} lacks its owner`);
  }

  const employees = await db.employee.count({ where: { portalId } });
  if (employees !== state.users.size) note(`employees: portal ${state.users.size}, mirror ${employees}`);

  // Histories are read for flow tasks open or closed within the window, except tasks waiting
  // since their creation and never changed: those may only have rows made at that moment, which no
  // figure reads (lib/sync/run-sync.ts, historyTargets), and the mirror keeps none of them.
  const since = Date.now() - (options.historyDays ?? 120) * 86_400_000;
  const expectedRows = new Map<number, number>();
  for (const stored of state.tasks) {
    if (!stored.record.flowId || (stored.closedAt !== null && stored.closedAt < since)) continue;
    const rows = (state.history.get(Number(stored.record.id)) ?? []).filter((row) =>
      ['STATUS', 'DEADLINE', 'RESPONSIBLE_ID'].includes(row.field),
    );
    const { record } = stored;
    const untouched =
      stored.changedAt === stored.createdAt && ['1', '2'].includes(record.status) && record.dateStart === null;
    if (!untouched) expectedRows.set(Number(record.id), rows.length);
    else if (rows.some((row) => time(row.createdDate) !== stored.createdAt))
      note(`task ${record.id} has history after its creation but was never changed (CHANGED_DATE = CREATED_DATE)`);
    else expectedRows.set(Number(record.id), 0);
  }
  const stored = await db.taskChange.groupBy({
    by: ['bitrixTaskId'],
    where: { portalId, source: 'history' },
    _count: true,
  });
  const storedRows = new Map(stored.map((row) => [row.bitrixTaskId, row._count]));
  for (const [id, count] of expectedRows) {
    if ((storedRows.get(id) ?? 0) !== count)
      note(`task ${id} history: portal ${count} rows, mirror ${storedRows.get(id) ?? 0}`);
  }
  return differences;
}
