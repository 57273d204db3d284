import type PgBoss from 'pg-boss';

/**
 * The background work, as pg-boss queues in the app's own Postgres: any number of app instances
 * take jobs from them and none is done twice. Schedules fire once per deployment (pg-boss keeps
 * the clock in the database).
 */
export const jobQueues = {
  /** Run one sync run (payload: runId). */
  syncRun: 'sync-run',
  /** Fetch the tasks named by recorded portal events (payload: portalId). At most one queued and one active per portal. */
  portalEvents: 'portal-events',
  /** Start an incremental sync of every connected portal. */
  incrementalSync: 'scheduled-incremental-sync',
  /** Start a reconciliation of every connected portal: deletions and events that never arrived. */
  reconcile: 'scheduled-reconcile',
  /** Roll up the figures of the current portal day (and the day before, which may have just closed) for every connected portal. */
  dailyFigures: 'daily-figures',
  /** Check a portal's alert rules and send what is due (payload: portalId), after each sync. */
  alertsCheck: 'alerts-check',
  /** Delete CoPilot's request logs older than the retention period. */
  copilotLogRetention: 'copilot-log-retention',
} as const;

export type JobQueue = (typeof jobQueues)[keyof typeof jobQueues];

export const jobSchedules: { queue: JobQueue; cron: string }[] = [
  { queue: jobQueues.incrementalSync, cron: '*/10 * * * *' },
  { queue: jobQueues.reconcile, cron: '17 */6 * * *' },
  { queue: jobQueues.dailyFigures, cron: '7 * * * *' },
  { queue: jobQueues.copilotLogRetention, cron: '23 3 * * *' },
];

export async function createJobQueues(boss: PgBoss): Promise<void> {
  // A full sync of a big portal runs for hours; its run record, not the job, says whether it is alive.
  await boss.createQueue(jobQueues.syncRun, { name: jobQueues.syncRun, retryLimit: 0, expireInHours: 23 });
  await boss.createQueue(jobQueues.portalEvents, {
    name: jobQueues.portalEvents,
    policy: 'stately',
    retryLimit: 5,
    retryDelay: 5,
  });
  await boss.createQueue(jobQueues.incrementalSync, { name: jobQueues.incrementalSync, policy: 'singleton' });
  await boss.createQueue(jobQueues.reconcile, { name: jobQueues.reconcile, policy: 'singleton' });
  await boss.createQueue(jobQueues.dailyFigures, { name: jobQueues.dailyFigures, policy: 'singleton' });
  // One check per portal at a time; a sync that ends meanwhile queues one more, not one each.
  await boss.createQueue(jobQueues.alertsCheck, { name: jobQueues.alertsCheck, policy: 'stately', retryLimit: 2 });
  await boss.createQueue(jobQueues.copilotLogRetention, { name: jobQueues.copilotLogRetention, policy: 'singleton' });
}
