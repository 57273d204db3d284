import { taskHistories } from '@/lib/bitrix24/api/tasks';
import type { Bitrix24Client } from '@/lib/bitrix24/client';
import { parseHistoryDate } from '@/lib/bitrix24/history-dates';
import { parsePortalDate } from '@/lib/bitrix24/portal-dates';
import type { HistoryRowData } from '@/lib/bitrix24/schemas';
import type { Prisma } from '@/lib/db/generated/client';

type Db = Prisma.TransactionClient;

export type HistoryChange = {
  bitrixTaskId: number;
  bitrixHistoryId: number;
  field: 'status' | 'deadline' | 'responsible';
  fromValue: string | null;
  toValue: string | null;
  changedAt: string;
};

const fields: Record<string, HistoryChange['field']> = {
  STATUS: 'status',
  DEADLINE: 'deadline',
  RESPONSIBLE_ID: 'responsible',
};

/**
 * The status, deadline and assignee rows of a task's history. Statuses and user ids stay the
 * integer text the module stores; deadlines (Unix timestamps, or date text in older rows) become
 * ISO UTC text; an empty value (`""` or `null`) becomes null.
 */
export function historyChanges(bitrixTaskId: number, rows: HistoryRowData[], timeZoneOffset: string): HistoryChange[] {
  const changes: HistoryChange[] = [];
  for (const row of rows) {
    const field = fields[row.field];
    const changedAt = parsePortalDate(row.createdDate, timeZoneOffset);
    if (!field || changedAt === null) continue;
    const value = (raw: string | number | null | undefined): string | null => {
      if (raw === null || raw === undefined || raw === '') return null;
      if (field !== 'deadline') return String(raw);
      const time = parseHistoryDate(raw, timeZoneOffset);
      return time === null ? null : new Date(time).toISOString();
    };
    changes.push({
      bitrixTaskId,
      bitrixHistoryId: Number(row.id),
      field,
      fromValue: value(row.value.from),
      toValue: value(row.value.to),
      changedAt: new Date(changedAt).toISOString(),
    });
  }
  return changes;
}

/** Reads the histories of some tasks (50 per batch request) as the changes the mirror keeps. */
export async function readHistoryChanges(
  client: Bitrix24Client,
  bitrixTaskIds: number[],
  timeZoneOffset: string,
): Promise<HistoryChange[]> {
  const histories = await taskHistories(client, bitrixTaskIds);
  return bitrixTaskIds.flatMap((id) => historyChanges(id, histories.get(id) ?? [], timeZoneOffset));
}

/**
 * Stores the histories of some tasks. History is the authority: the changes the sync only
 * observed for these tasks are replaced by it; rows already stored are not added twice.
 */
export async function storeHistories(
  db: Db,
  portalId: string,
  bitrixTaskIds: number[],
  changes: HistoryChange[],
): Promise<void> {
  if (bitrixTaskIds.length === 0) return;
  await db.$executeRaw`
    DELETE FROM task_change
    WHERE "portalId" = ${portalId}::uuid AND source = 'observed' AND "bitrixTaskId" = ANY(${bitrixTaskIds}::int[])`;
  if (changes.length === 0) return;
  await db.$executeRaw`
    INSERT INTO task_change ("portalId", "bitrixTaskId", field, "fromValue", "toValue", "changedAt", source, "bitrixHistoryId")
    SELECT ${portalId}::uuid, c."bitrixTaskId", c.field::"TaskChangeField", c."fromValue", c."toValue", c."changedAt", 'history', c."bitrixHistoryId"
    FROM jsonb_to_recordset(${JSON.stringify(changes)}::jsonb) AS c(
      "bitrixTaskId" int, "bitrixHistoryId" int, field text, "fromValue" text, "toValue" text, "changedAt" timestamptz)
    ON CONFLICT ("portalId", "bitrixHistoryId") DO NOTHING`;
}
