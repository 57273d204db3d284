import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { insertPortal } from '@/lib/metrics/testing/mirror-fixture';
import { migratedDatabase, type MigratedDatabase } from '@/lib/testing/migrated-database';
import type { MirroredTask } from './mirrored-task';
import { markTasksDeleted, upsertTasks } from './task-writes';

/**
 * A sync page and an event batch, on two instances, read one task at different times and may
 * write it in either order: the mirror keeps the newer copy.
 */
let database: MigratedDatabase;
let portalId: string;

const task = (changes: Partial<MirroredTask> = {}): MirroredTask => ({
  bitrixTaskId: 7,
  bitrixFlowId: null,
  title: 'Договор',
  descriptionLength: 0,
  status: 2,
  createdBy: 1,
  responsibleId: 2,
  groupId: 0,
  createdAt: '2026-11-02T09:00:00.000Z',
  changedAt: '2026-11-02T09:00:00.000Z',
  statusChangedAt: null,
  startedAt: null,
  deadline: null,
  closedAt: null,
  taskControl: false,
  commentsCount: 0,
  raw: {},
  ...changes,
});
const stored = () =>
  database.db.task.findUniqueOrThrow({
    where: { portalId_bitrixTaskId: { portalId, bitrixTaskId: 7 } },
    select: { status: true, changedAt: true, deletedAt: true, syncedAt: true },
  });
const observed = () => database.db.taskChange.findMany({ where: { portalId, source: 'observed' } });

beforeAll(async () => {
  database = await migratedDatabase();
});
afterAll(async () => {
  await database?.drop();
});
beforeEach(async () => {
  portalId = await insertPortal(database.db);
});

describe('writing a task page', () => {
  it('keeps a change when a copy read before it is written after it, and records no move back', async () => {
    const completed = task({ status: 5, changedAt: '2026-11-02T10:00:00.000Z', closedAt: '2026-11-02T10:00:00.000Z' });
    await upsertTasks(database.db, portalId, [task()], new Date());
    await upsertTasks(database.db, portalId, [completed], new Date());
    const before = await stored();

    await upsertTasks(database.db, portalId, [task()], new Date());
    const after = await stored();
    expect(after).toMatchObject({ status: 5, changedAt: new Date('2026-11-02T10:00:00.000Z'), deletedAt: null });
    // Still seen: the full sync's deletions phase must not take it for gone.
    expect(after.syncedAt.getTime()).toBeGreaterThanOrEqual(before.syncedAt.getTime());
    expect((await observed()).map((change) => [change.field, change.fromValue, change.toValue])).toEqual([
      ['status', '2', '5'],
    ]);
  });

  it('does not bring back a task deleted after its copy was read; a copy read later does', async () => {
    const readBeforeDeletion = new Date(Date.now() - 1_000);
    await upsertTasks(database.db, portalId, [task()], readBeforeDeletion);
    await markTasksDeleted(database.db, portalId, [7]);

    await upsertTasks(database.db, portalId, [task()], readBeforeDeletion);
    expect((await stored()).deletedAt).not.toBeNull();

    // Restored from the recycle bin: the portal returns it again in a page read after.
    await upsertTasks(database.db, portalId, [task()], new Date(Date.now() + 1_000));
    expect((await stored()).deletedAt).toBeNull();
  });

  it('writes a newer copy, and the same copy again, as before', async () => {
    await upsertTasks(database.db, portalId, [task()], new Date());
    await upsertTasks(database.db, portalId, [task({ title: 'Договор (правки)' })], new Date());
    await upsertTasks(database.db, portalId, [task({ status: 3, changedAt: '2026-11-02T11:00:00.000Z' })], new Date());
    expect(await stored()).toMatchObject({ status: 3, changedAt: new Date('2026-11-02T11:00:00.000Z') });
    expect(await database.db.task.findFirstOrThrow({ where: { portalId }, select: { title: true } })).toEqual({
      title: 'Договор',
    });
  });
});
