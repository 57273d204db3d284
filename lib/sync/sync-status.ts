import type { PrismaClient } from '@/lib/db/client';
import { syncCursorSchema } from './sync-runs';
import type { SyncStatus } from './sync-status-schema';

/**
 * What the header's progress bar and the settings page show about syncing: the latest run with
 * its phase, progress within the phase and an estimate of the time left (from the pace of the
 * phase so far), and when the mirror was last complete.
 */
export function estimateSeconds(
  done: number,
  total: number | null,
  phaseStartedAt: string | undefined,
  now: number,
): number | null {
  if (total === null || done <= 0 || !phaseStartedAt || total <= done)
    return total !== null && total <= done ? 0 : null;
  const elapsed = (now - Date.parse(phaseStartedAt)) / 1000;
  if (!(elapsed > 0)) return null;
  return Math.ceil(((total - done) * elapsed) / done);
}

/**
 * `withReason`: the failure's words go to admins only (they fix it); everyone gets its code. A run
 * failed before codes were recorded keeps its raw text to itself.
 */
export async function readSyncStatus(
  db: PrismaClient,
  portal: SyncStatus['portal'],
  options: { withReason: boolean },
  now = Date.now(),
): Promise<SyncStatus> {
  if (!portal) return { portal: null, run: null, lastSucceededAt: null };
  const [latest, succeeded] = await Promise.all([
    db.syncRun.findFirst({ where: { portalId: portal.id }, orderBy: { startedAt: 'desc' } }),
    db.syncRun.findFirst({
      where: { portalId: portal.id, state: 'succeeded' },
      orderBy: { finishedAt: 'desc' },
      select: { finishedAt: true },
    }),
  ]);
  const cursor = latest ? syncCursorSchema.safeParse(latest.cursor) : null;
  return {
    portal,
    run: latest && {
      id: latest.id,
      kind: latest.kind,
      state: latest.state,
      phase: latest.phase,
      done: latest.done,
      total: latest.total,
      etaSeconds:
        latest.state === 'running'
          ? estimateSeconds(latest.done, latest.total, cursor?.success ? cursor.data.phaseStartedAt : undefined, now)
          : null,
      error: options.withReason && latest.errorCode !== null ? latest.error : null,
      errorCode: latest.error === null ? null : (latest.errorCode ?? 'internal'),
      startedAt: latest.startedAt.toISOString(),
      finishedAt: latest.finishedAt?.toISOString() ?? null,
    },
    lastSucceededAt: succeeded?.finishedAt?.toISOString() ?? null,
  };
}
