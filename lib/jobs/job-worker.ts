import type PgBoss from 'pg-boss';
import { z } from 'zod';
import { checkPortalAlerts, flowPageUrl } from '@/lib/alerts/check-portal-alerts';
import { linkDemoAccounts } from '@/lib/auth/demo-accounts';
import { purgeRequestLogs } from '@/lib/copilot/settings/request-log';
import type { PrismaClient } from '@/lib/db/client';
import { rollUpFigures } from '@/lib/metrics/daily-figure-rollup';
import { PortalNotConnectedError, portalClient } from '@/lib/portals/portal-connection';
import type { SecretBox } from '@/lib/security/secret-box';
import { processPortalEvents } from '@/lib/sync/process-portal-events';
import { requestSync } from '@/lib/jobs/request-sync';
import { executeSyncRun, type SyncOutcome } from '@/lib/sync/run-sync';
import { orphanedSyncRuns, readSyncRun } from '@/lib/sync/sync-runs';
import { workerBoss } from './boss-clients';
import { createJobQueues, jobQueues, jobSchedules } from './job-queues';

/**
 * The background worker of one app instance: takes sync runs, event batches and scheduled work
 * from the queues, and every few seconds looks for sync runs nobody holds (their job was lost,
 * or their worker was killed) and resumes them from their checkpoint.
 */
export type JobWorkerOptions = {
  databaseUrl: string;
  db: PrismaClient;
  box: SecretBox;
  /** This worker's name on the runs it holds: host, process and a random part. */
  owner: string;
  log: (message: string) => void;
  /** Where people open Flowpilot (APP_URL, else this machine's address), for links in alerts. */
  appUrl: string;
  staleAfterMs?: number;
  orphanScanMs?: number;
};

export type JobWorker = { boss: PgBoss; runSync: (runId: string) => Promise<SyncOutcome>; stop: () => Promise<void> };

const runPayload = z.object({ runId: z.string().uuid() });
const portalPayload = z.object({ portalId: z.string().uuid() });

export async function startJobWorker(options: JobWorkerOptions): Promise<JobWorker> {
  const { db, box, log } = options;
  const staleAfterMs = options.staleAfterMs ?? 30_000;
  const boss = workerBoss(options.databaseUrl);
  boss.on('error', (error) => log(`jobs: ${error.message}`));
  await boss.start();
  await createJobQueues(boss);
  for (const { queue, cron } of jobSchedules) await boss.schedule(queue, cron);

  const running = new Map<string, Promise<SyncOutcome>>();
  const stopping = new AbortController();

  /** pg-boss records a failed job quietly; the console should say so too. */
  function logFailures<T>(name: string, handler: (jobs: PgBoss.Job<T>[]) => Promise<void>) {
    return async (jobs: PgBoss.Job<T>[]) => {
      try {
        await handler(jobs);
      } catch (error) {
        log(`${name} failed: ${error instanceof Error ? error.message : String(error)}`);
        throw error;
      }
    };
  }

  async function execute(runId: string): Promise<SyncOutcome> {
    const run = await readSyncRun(db, runId);
    if (!run || run.state !== 'running') return 'not-claimed';
    let client;
    try {
      client = await portalClient(db, box, run.portalId, { maxRetries: 8 });
    } catch (error) {
      if (!(error instanceof PortalNotConnectedError)) throw error;
      await db.syncRun.updateMany({
        where: { id: runId, state: 'running' },
        data: { state: 'failed', error: error.message, errorCode: 'not-connected', finishedAt: new Date() },
      });
      return 'failed';
    }
    const outcome = await executeSyncRun(
      { db, client, owner: options.owner, staleAfterMs, signal: stopping.signal },
      runId,
    );
    if (outcome === 'not-claimed' || outcome === 'stopped') return outcome;
    const finished = await readSyncRun(db, runId);
    if (outcome === 'succeeded') {
      log(
        `sync ${run.kind}: done (${Object.entries((finished?.counts ?? {}) as Record<string, number>)
          .map(([name, count]) => `${count} ${name}`)
          .join(', ')})`,
      );
      await boss.send(jobQueues.alertsCheck, { portalId: run.portalId }, { singletonKey: run.portalId });
      if (run.kind === 'full' && (await linkDemoAccounts(db)) === 'linked')
        log('demo mode: the demo accounts are linked to demo employees');
    } else if (outcome === 'failed') {
      log(`sync ${run.kind}: failed: ${finished?.error ?? 'unknown reason'}`);
    }
    return outcome;
  }

  /** Runs a sync run in this process unless it already is. */
  function runSync(runId: string): Promise<SyncOutcome> {
    const existing = running.get(runId);
    if (existing) return existing;
    const work = execute(runId).finally(() => running.delete(runId));
    running.set(runId, work);
    return work;
  }

  const connectedPortalIds = async () =>
    (await db.portalConnection.findMany({ select: { portalId: true } })).map((connection) => connection.portalId);

  async function everyConnectedPortal(kind: 'incremental' | 'reconcile'): Promise<void> {
    for (const portalId of await connectedPortalIds()) await requestSync(db, boss, portalId, kind);
  }

  await boss.work(
    jobQueues.syncRun,
    { pollingIntervalSeconds: 1 },
    logFailures('sync', async ([job]) => {
      await runSync(runPayload.parse(job!.data).runId);
    }),
  );
  await boss.work(
    jobQueues.portalEvents,
    { pollingIntervalSeconds: 0.5 },
    logFailures('portal events', async ([job]) => {
      const { portalId } = portalPayload.parse(job!.data);
      await processPortalEvents(db, await portalClient(db, box, portalId), portalId);
    }),
  );
  // Hourly: today so far, and yesterday, whose figures become final once the portal's day is
  // over; what lies ahead moves on with the clock. Each sync rolls up its own.
  await boss.work(
    jobQueues.dailyFigures,
    logFailures('roll-up', async () => {
      for (const portalId of await connectedPortalIds()) await rollUpFigures(db, portalId, { days: 2 });
    }),
  );
  await boss.work(
    jobQueues.alertsCheck,
    logFailures('alerts', async ([job]) => {
      const { portalId } = portalPayload.parse(job!.data);
      const done = await checkPortalAlerts(db, () => portalClient(db, box, portalId), portalId, {
        now: new Date(),
        flowUrl: (flowId) => flowPageUrl(options.appUrl, flowId),
      });
      if (done.opened + done.cleared + done.sent + done.refused > 0)
        log(
          `alerts: ${done.opened} opened, ${done.cleared} cleared, ${done.sent} sent, ${done.refused} refused, ${done.held} waiting`,
        );
    }),
  );
  await boss.work(jobQueues.copilotLogRetention, async () => {
    const deleted = await purgeRequestLogs(db);
    if (deleted > 0) log(`copilot: ${deleted} request logs past their retention deleted`);
  });
  await boss.work(jobQueues.incrementalSync, async () => everyConnectedPortal('incremental'));
  await boss.work(jobQueues.reconcile, async () => everyConnectedPortal('reconcile'));

  let scanning = false;
  const scan = setInterval(() => {
    if (scanning) return;
    scanning = true;
    void orphanedSyncRuns(db, staleAfterMs)
      .then((ids) => {
        for (const id of ids)
          if (!running.has(id))
            void runSync(id).catch((error: unknown) =>
              log(`sync: ${error instanceof Error ? error.message : String(error)}`),
            );
      })
      .catch(() => undefined)
      .finally(() => (scanning = false));
  }, options.orphanScanMs ?? 5_000);

  return {
    boss,
    runSync,
    stop: async () => {
      clearInterval(scan);
      // A running sync stops after its current page and resumes from that checkpoint after the next start.
      stopping.abort();
      await Promise.race([Promise.allSettled(running.values()), new Promise((resolve) => setTimeout(resolve, 4_000))]);
      await boss.stop({ graceful: false, wait: true, timeout: 2_000 });
    },
  };
}
