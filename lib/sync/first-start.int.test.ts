import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncDemoAccounts, visibleDemoAccounts } from '@/lib/auth/demo-accounts';
import { addTask } from '@/lib/bitrix24/api/tasks';
import { Bitrix24Client } from '@/lib/bitrix24/client';
import { flowsList } from '@/lib/dashboards/flows-list';
import { portalDay } from '@/lib/metrics/portal-days';
import { startJobWorker, type JobWorker } from '@/lib/jobs/job-worker';
import { startDemoConnection } from '@/lib/portals/demo-portal-connection';
import { secretBox } from '@/lib/security/secret-box';
import { migratedDatabase, type MigratedDatabase } from '@/lib/testing/migrated-database';
import { requestSync } from '@/lib/jobs/request-sync';
import { mirrorDifferences } from './testing/mirror-differences';
import { startEventsEndpoint } from './testing/events-endpoint';

/**
 * The first start on the embedded defaults, as the launcher does it (demo portal, connection,
 * job worker, first full sync), then the portal's events keeping the mirror fresh, and the
 * reconciliation restoring what dropped events missed.
 */
let database: MigratedDatabase;
let worker: JobWorker;
let demo: Awaited<ReturnType<typeof startDemoConnection>>;
let events: Awaited<ReturnType<typeof startEventsEndpoint>>;
let client: Bitrix24Client;

async function until<T>(
  what: string,
  check: () => Promise<T | null | undefined | false>,
  timeoutMs: number,
): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  for (;;) {
    const value = await check();
    if (value) return { value, ms: Date.now() - started };
    if (Date.now() - started > timeoutMs) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function syncAndWait(kind: 'full' | 'reconcile') {
  const { run } = await requestSync(database.db, worker.boss, demo.portalId, kind);
  const { value } = await until(
    `the ${kind} sync`,
    async () => {
      const record = await database.db.syncRun.findUniqueOrThrow({ where: { id: run.id } });
      return record.state === 'running' ? null : record;
    },
    60_000,
  );
  return value;
}

const mirrored = (bitrixTaskId: number) =>
  database.db.task.findUnique({ where: { portalId_bitrixTaskId: { portalId: demo.portalId, bitrixTaskId } } });

beforeAll(async () => {
  database = await migratedDatabase();
  const box = secretBox(randomBytes(32).toString('base64url'));
  worker = await startJobWorker({
    databaseUrl: database.url,
    db: database.db,
    box,
    owner: 'first-start-test',
    log: () => undefined,
    appUrl: 'http://flowpilot.test',
    orphanScanMs: 500,
  });
  events = await startEventsEndpoint({ db: database.db, box, boss: async () => worker.boss });
  demo = await startDemoConnection({
    db: database.db,
    box,
    webhookCode: 'first-start-code',
    eventsUrl: events.url,
    tasks: 1500,
  });
  // As npm start does next: the demo accounts, to be linked to demo employees once the first sync brings them in.
  await syncDemoAccounts(database.db, 'first-start-demo-password');
  client = new Bitrix24Client({ connection: { kind: 'webhook', url: demo.portal.webhookUrl } });
}, 120_000);

afterAll(async () => {
  await worker?.stop();
  await events?.stop();
  await demo?.portal.stop();
  await database?.drop();
});

describe('first start on the demo portal', () => {
  it('connects the demo portal with sealed secrets and mirrors exactly what it holds after the first sync', async () => {
    const connection = await database.db.portalConnection.findUniqueOrThrow({ where: { portalId: demo.portalId } });
    expect(connection.kind).toBe('demo');
    expect(connection.sealedWebhookUrl).not.toContain('first-start-code');
    const run = await syncAndWait('full');
    expect(run.error).toBeNull();
    expect(run.state).toBe('succeeded');
    // The moment the sync says it succeeded, the pages have their figures: the daily figures of
    // the past 120 days for every flow, and in the flows list every flow's efficiency as the
    // portal computes it, with what lies ahead.
    const flows = await database.db.flow.count({ where: { portalId: demo.portalId } });
    expect(await database.db.flowDailyFigure.count({ where: { flow: { portalId: demo.portalId } } })).toBe(flows * 120);
    const list = await flowsList(database.db, {});
    expect(list.rows).toHaveLength(flows);
    expect(list.rows.filter((row) => row.efficiency.value === null).map((row) => row.name)).toEqual([]);
    for (const row of list.rows) {
      expect(row.efficiency.value, row.name).toBe(demo.portal.state.moduleEfficiency(row.bitrixFlowId));
      expect(row.likelyLate, row.name).not.toBeNull();
      expect(row.forecast, row.name).not.toBeNull();
    }
    expect(list.rows.reduce((sum, row) => sum + row.completed, 0)).toBeGreaterThan(0);
    expect(await mirrorDifferences(database.db, demo.portalId, demo.portal.state)).toEqual([]);
    // Demo mode: the demo accounts exist, the lead linked to a flow owner.
    const { value: lead } = await until(
      'the demo lead linked to an employee',
      () =>
        database.db.user.findFirst({
          where: { email: 'lead@demo.flowpilot.local', active: true, bitrixUserId: { not: null } },
        }),
      5_000,
    );
    expect((await visibleDemoAccounts(database.db)).map((account) => account.role)).toEqual([
      'admin',
      'lead',
      'executive',
    ]);
    expect(
      await database.db.flowMember.count({ where: { bitrixUserId: lead.bitrixUserId!, role: 'owner' } }),
    ).toBeGreaterThan(0);
  });

  it('a task added, changed or deleted on the portal reaches the mirror by event within 5 seconds', async () => {
    const flow = [...demo.portal.state.flows.values()].find(
      (candidate) => candidate.active && candidate.distributionType === 'queue',
    )!;
    // The flow's figures of today follow its events, not only the next sync.
    const { id: flowId } = await database.db.flow.findFirstOrThrow({
      where: { portalId: demo.portalId, bitrixFlowId: flow.id },
    });
    const { timeZoneOffset } = await database.db.portal.findUniqueOrThrow({ where: { id: demo.portalId } });
    const today = new Date(`${portalDay(Date.now(), timeZoneOffset)}T00:00:00Z`);
    const createdToday = async () =>
      (await database.db.flowDailyFigure.findUnique({ where: { flowId_day: { flowId, day: today } } }))?.created;
    const createdBefore = await createdToday();
    expect(createdBefore).toBeTypeOf('number');
    const added = await addTask(client, { TITLE: 'Проверка события', FLOW_ID: flow.id, CREATED_BY: 1 });
    const arrival = await until('the added task', async () => mirrored(Number(added.id)), 5_000);
    expect(arrival.value).toMatchObject({ title: 'Проверка события', bitrixFlowId: flow.id });
    await until("the added task in today's figures", async () => (await createdToday()) === createdBefore! + 1, 5_000);

    await client.call('tasks.task.start', { taskId: Number(added.id) });
    await until('the started task', async () => (await mirrored(Number(added.id)))?.status === 3, 5_000);

    await client.call('tasks.task.delete', { taskId: Number(added.id) });
    await until('the deleted task', async () => (await mirrored(Number(added.id)))?.deletedAt, 5_000);
    expect(await mirrorDifferences(database.db, demo.portalId, demo.portal.state)).toEqual([]);
  });

  it('with events dropped the mirror falls behind, and the next reconciliation restores it', async () => {
    demo.portal.faults.dropEventRate = 1;
    const flow = [...demo.portal.state.flows.values()].find((candidate) => candidate.active)!;
    const added = await addTask(client, { TITLE: 'Потерянное событие', FLOW_ID: flow.id, CREATED_BY: 1 });
    const closed = demo.portal.state.tasks.find((task) => task.record.status === '5' && task.record.flowId)!;
    await client.call('tasks.task.delete', { taskId: Number(closed.record.id) });
    await demo.portal.eventsSettled();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await mirrored(Number(added.id))).toBeNull();
    expect((await mirrored(Number(closed.record.id)))?.deletedAt).toBeNull();
    expect(await mirrorDifferences(database.db, demo.portalId, demo.portal.state)).not.toEqual([]);

    const run = await syncAndWait('reconcile');
    expect(run.state).toBe('succeeded');
    expect(await mirrorDifferences(database.db, demo.portalId, demo.portal.state)).toEqual([]);
    demo.portal.faults.dropEventRate = 0;
  });
});
