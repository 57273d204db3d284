import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTask } from '@/lib/bitrix24/api/tasks';
import { Bitrix24Client } from '@/lib/bitrix24/client';
import { LeakyBucketLimiter } from '@/lib/bitrix24/rate-limiter';
import { rollUpFigures } from '@/lib/metrics/daily-figure-rollup';
import { efficiencyTaskOf, flowEfficiency } from '@/lib/metrics/flow-efficiency';
import { metricTaskFromMirror } from '@/lib/metrics/mirrored-metric-task';
import { flowSummaries } from '@/lib/metrics/flow-summaries';
import { migratedDatabase, type MigratedDatabase } from '@/lib/testing/migrated-database';
import { executeSyncRun } from './run-sync';
import { requestSyncRun } from './sync-runs';
import { mirrorDifferences } from './testing/mirror-differences';
import { syncFixture } from './testing/sync-fixture';

let database: MigratedDatabase;
let fixture: Awaited<ReturnType<typeof syncFixture>>;

beforeAll(async () => {
  database = await migratedDatabase();
  fixture = await syncFixture(database.db, { seed: 11, tasks: 1200 });
});

afterAll(async () => {
  await fixture?.portal.stop();
  await database?.drop();
});

async function sync(kind: 'full' | 'incremental' | 'reconcile') {
  const { run, started } = await requestSyncRun(database.db, fixture.portalId, kind);
  expect(started).toBe(true);
  const outcome = await executeSyncRun({ db: database.db, client: fixture.client(), owner: 'test' }, run.id);
  return { outcome, run: await database.db.syncRun.findUniqueOrThrow({ where: { id: run.id } }) };
}

describe('full sync', () => {
  it('mirrors exactly what the portal holds: tasks field by field, flows, people, histories', async () => {
    const { outcome, run } = await sync('full');
    expect(run.error).toBeNull();
    expect(outcome).toBe('succeeded');
    expect(run.counts).toMatchObject({
      tasks: fixture.portal.state.tasks.length,
      flows: fixture.portal.state.flows.size,
    });
    expect(await mirrorDifferences(database.db, fixture.portalId, fixture.portal.state)).toEqual([]);
    // One history call per flow task in the window, save those waiting untouched since their creation.
    const since = Date.now() - 120 * 86_400_000;
    const inWindow = fixture.portal.state.tasks.filter(
      (task) => task.record.flowId && (task.closedAt === null || task.closedAt >= since),
    );
    const untouched = inWindow.filter(
      (task) =>
        task.changedAt === task.createdAt && ['1', '2'].includes(task.record.status) && task.record.dateStart === null,
    );
    expect(untouched.length).toBeGreaterThan(0);
    expect(run.counts).toMatchObject({ histories: inWindow.length - untouched.length });
    const perFlow = await database.db.task.groupBy({
      by: ['bitrixFlowId', 'status'],
      where: { portalId: fixture.portalId, deletedAt: null },
      _count: true,
    });
    const expected = new Map<string, number>();
    for (const { record } of fixture.portal.state.tasks) {
      const key = `${record.flowId ? Number(record.flowId) : null}:${record.status}`;
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    expect(new Map(perFlow.map((row) => [`${row.bitrixFlowId}:${row.status}`, row._count]))).toEqual(expected);
  });

  it('computes from the mirror the efficiency the tasks module computes, for every flow', async () => {
    const flows = await database.db.flow.findMany({ where: { portalId: fixture.portalId } });
    expect(flows.length).toBeGreaterThanOrEqual(8);
    const spread = new Set<number>();
    for (const flow of flows) {
      const tasks = await database.db.task.findMany({ where: { flowId: flow.id, deletedAt: null } });
      const changes = await database.db.taskChange.findMany({
        where: { portalId: fixture.portalId, bitrixTaskId: { in: tasks.map((task) => task.bitrixTaskId) } },
        orderBy: [{ changedAt: 'asc' }, { id: 'asc' }],
      });
      const ours = flowEfficiency(
        tasks.map((task) =>
          efficiencyTaskOf(
            metricTaskFromMirror(
              task,
              changes.filter((change) => change.bitrixTaskId === task.bitrixTaskId),
            ),
          ),
        ),
        Date.now(),
        fixture.company.header.timeZoneOffset,
      );
      expect(ours.efficiency, `flow ${flow.bitrixFlowId} ${flow.name}`).toBe(
        fixture.portal.state.moduleEfficiency(flow.bitrixFlowId),
      );
      spread.add(ours.efficiency);
    }
    // The generated company has healthy and failing flows: the check is not all-100 against all-100.
    expect(spread.size).toBeGreaterThan(2);
    // The flows list computes the same in SQL.
    const summaries = await flowSummaries(database.db, { portalId: fixture.portalId });
    expect(summaries).toHaveLength(flows.length);
    for (const summary of summaries) {
      const flow = flows.find((candidate) => candidate.id === summary.flowId)!;
      expect(summary.efficiency.value, summary.name).toBe(fixture.portal.state.moduleEfficiency(flow.bitrixFlowId));
    }
  });

  it('a second full sync picks up new, changed and deleted tasks and records the changes it saw', async () => {
    const client = fixture.client();
    const flowId = [...fixture.portal.state.flows.values()].find(
      (flow) => flow.active && flow.distributionType === 'queue',
    )!.id;
    const added = await addTask(client, {
      TITLE: '<img src=x onerror=alert(1)> Новая задача',
      FLOW_ID: flowId,
      CREATED_BY: 1,
    });
    const open = fixture.portal.state.tasks.find((task) => task.record.status === '2' && task.record.flowId)!;
    await client.call('tasks.task.start', { taskId: Number(open.record.id) });
    const doomed = fixture.portal.state.tasks.find((task) => task.record.status === '5')!;
    await client.call('tasks.task.delete', { taskId: Number(doomed.record.id) });

    const { outcome, run } = await sync('full');
    expect(outcome).toBe('succeeded');
    expect(run.counts).toMatchObject({ deleted: 1 });
    expect(await mirrorDifferences(database.db, fixture.portalId, fixture.portal.state)).toEqual([]);
    const mirroredNew = await database.db.task.findUniqueOrThrow({
      where: { portalId_bitrixTaskId: { portalId: fixture.portalId, bitrixTaskId: Number(added.id) } },
    });
    expect(mirroredNew.title).toBe('<img src=x onerror=alert(1)> Новая задача');
    const gone = await database.db.task.findUniqueOrThrow({
      where: { portalId_bitrixTaskId: { portalId: fixture.portalId, bitrixTaskId: Number(doomed.record.id) } },
    });
    expect(gone.deletedAt).not.toBeNull();
    const started = await database.db.taskChange.findMany({
      where: { portalId: fixture.portalId, bitrixTaskId: Number(open.record.id), field: 'status' },
    });
    expect(started.at(-1)).toMatchObject({ fromValue: '2', toValue: '3', source: 'history' });
  });

  it('as a webhook user who is not a portal admin, tasks it no longer sees are not marked deleted', async () => {
    // A non-admin sees only the tasks its permissions allow, and Bitrix24 answers an unseen task like a
    // missing one (b24restdocs: api-reference/common/users/user-admin.md; docs/bitrix24.md).
    const { admins } = fixture.portal.options;
    const index = fixture.portal.state.tasks.findIndex((task) => task.record.status === '2');
    const [hidden] = fixture.portal.state.tasks.splice(index, 1);
    fixture.portal.options.admins = [];
    try {
      for (const kind of ['full', 'reconcile'] as const) {
        const { outcome, run } = await sync(kind);
        expect(outcome).toBe('succeeded');
        expect(run.counts).not.toHaveProperty('deleted');
        const kept = await database.db.task.findUniqueOrThrow({
          where: { portalId_bitrixTaskId: { portalId: fixture.portalId, bitrixTaskId: Number(hidden!.record.id) } },
        });
        expect(kept.deletedAt).toBeNull();
      }
    } finally {
      fixture.portal.options.admins = admins;
      fixture.portal.state.tasks.splice(index, 0, hidden!);
    }
  });

  it('a portal error mid-way marks the run failed with a readable reason and keeps the mirror as it was', async () => {
    const before = await database.db.task.count({ where: { portalId: fixture.portalId, deletedAt: null } });
    const webhook = fixture.portal.webhooks[0]!;
    fixture.portal.faults.revokedWebhooks.push(webhook.code);
    try {
      const { outcome, run } = await sync('full');
      expect(outcome).toBe('failed');
      expect(run.state).toBe('failed');
      expect(run.error).toMatch(/does not accept this connection: the webhook URL is wrong/);
    } finally {
      fixture.portal.faults.revokedWebhooks.length = 0;
    }
    expect(await database.db.task.count({ where: { portalId: fixture.portalId, deletedAt: null } })).toBe(before);
    expect(await mirrorDifferences(database.db, fixture.portalId, fixture.portal.state)).toEqual([]);
  });

  it('one running sync per portal: a second request gets the running run', async () => {
    const first = await requestSyncRun(database.db, fixture.portalId, 'full');
    const [second, third] = await Promise.all([
      requestSyncRun(database.db, fixture.portalId, 'incremental'),
      requestSyncRun(database.db, fixture.portalId, 'full'),
    ]);
    expect(first.started).toBe(true);
    expect(second).toMatchObject({ started: false, run: { id: first.run.id } });
    expect(third).toMatchObject({ started: false, run: { id: first.run.id } });
    expect(await executeSyncRun({ db: database.db, client: fixture.client(), owner: 'test' }, first.run.id)).toBe(
      'succeeded',
    );
  });
});

describe('histories along the task scan', () => {
  it('reads the histories of the tasks scanned while later pages are still fetched, each once', async () => {
    const scanDatabase = await migratedDatabase();
    // 6,000 tasks are three batches of pages; slow answers keep the scan going while histories are
    // read. A window of 200 days holds the company's first tasks too, so the first page has targets.
    const historyDays = 200;
    const scanFixture = await syncFixture(scanDatabase.db, {
      seed: 12,
      tasks: 6000,
      portal: { faults: { slowMs: 50 } },
    });
    try {
      // What each batch request carried, in the order sent: pages of the task scan, or histories.
      const sent: ('tasks' | 'histories')[] = [];
      let historyCalls = 0;
      const client = new Bitrix24Client({
        connection: { kind: 'webhook', url: scanFixture.portal.webhookUrl },
        limiter: new LeakyBucketLimiter({ burst: 100_000, drainPerSecond: 100_000 }),
        fetch: async (input, init) => {
          const body = String(init?.body ?? '');
          const histories = body.split('tasks.task.history.list').length - 1;
          historyCalls += histories;
          if (histories > 0) sent.push('histories');
          else if (body.includes('tasks.task.list')) sent.push('tasks');
          return fetch(input, init);
        },
      });
      const { run } = await requestSyncRun(scanDatabase.db, scanFixture.portalId, 'full');
      expect(await executeSyncRun({ db: scanDatabase.db, client, owner: 'test', historyDays }, run.id)).toBe(
        'succeeded',
      );
      expect(sent.indexOf('histories')).toBeGreaterThan(-1);
      expect(sent.indexOf('histories')).toBeLessThan(sent.lastIndexOf('tasks'));
      expect(
        await mirrorDifferences(scanDatabase.db, scanFixture.portalId, scanFixture.portal.state, { historyDays }),
      ).toEqual([]);
      const since = Date.now() - historyDays * 86_400_000;
      const targets = scanFixture.portal.state.tasks.filter(
        (task) =>
          task.record.flowId &&
          (task.closedAt === null || task.closedAt >= since) &&
          !(task.changedAt === task.createdAt && ['1', '2'].includes(task.record.status) && !task.record.dateStart),
      );
      const finished = await scanDatabase.db.syncRun.findUniqueOrThrow({ where: { id: run.id } });
      expect(finished.counts).toMatchObject({ histories: targets.length });
      expect(historyCalls).toBe(targets.length);
      // Flows rolled up as their histories came in have the figures one roll-up of every flow at
      // the end gives (today's aside: its moment is the roll-up's own).
      const figures = async () => {
        const rows = await scanDatabase.db.flowDailyFigure.findMany({
          where: { flow: { portalId: scanFixture.portalId } },
          orderBy: [{ flowId: 'asc' }, { day: 'asc' }],
        });
        const today = Math.max(...rows.map((row) => row.day.getTime()));
        return rows.filter((row) => row.day.getTime() < today);
      };
      const rolledUpAlong = await figures();
      expect(rolledUpAlong.length).toBeGreaterThan(0);
      await rollUpFigures(scanDatabase.db, scanFixture.portalId, { days: historyDays });
      expect(await figures()).toEqual(rolledUpAlong);
    } finally {
      await scanFixture.portal.stop();
      await scanDatabase.drop();
    }
  }, 120_000);
});
