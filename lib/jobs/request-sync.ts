import type PgBoss from 'pg-boss';
import type { PrismaClient } from '@/lib/db/client';
import type { SyncKind } from '@/lib/db/generated/client';
import { jobQueues } from '@/lib/jobs/job-queues';
import { requestSyncRun, type SyncRunRecord } from '@/lib/sync/sync-runs';

/**
 * Starts a sync of a portal, or hands back the one already running. The job only makes a worker
 * start at once; a run whose job is lost is still picked up by the workers' scan for unheld runs.
 */
export async function requestSync(
  db: PrismaClient,
  boss: PgBoss,
  portalId: string,
  kind: SyncKind,
): Promise<{ run: SyncRunRecord; started: boolean }> {
  const request = await requestSyncRun(db, portalId, kind);
  if (request.started) await boss.send(jobQueues.syncRun, { runId: request.run.id });
  return request;
}
