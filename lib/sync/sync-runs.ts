import { z } from 'zod';
import type { PrismaClient } from '@/lib/db/client';
import type { Prisma, SyncKind } from '@/lib/db/generated/client';

/**
 * Sync runs: at most one running per portal (an advisory lock serialises the check across app
 * instances), a checkpoint after every page, a heartbeat while working, and claiming of runs
 * whose worker died (no heartbeat for a while) so they resume where they stopped.
 */
export const syncPhases = {
  full: ['directory', 'tasks', 'flows', 'histories', 'deletions', 'figures'],
  incremental: ['changes', 'flows', 'histories', 'figures'],
  reconcile: ['directory', 'changes', 'deletions', 'flows', 'histories', 'figures'],
} as const satisfies Record<SyncKind, readonly string[]>;

export type SyncPhase = (typeof syncPhases)[SyncKind][number];

export const syncCursorSchema = z.object({
  phase: z.string().optional(),
  /** The last task id fully written in the current phase. */
  afterId: z.number().int().min(0).default(0),
  /** The highest task id at the start of an id scan: the scan's end, fixed so a resumed scan ends where it would have. */
  upToId: z.number().int().min(0).optional(),
  /** A full run's history reads along its task scan: every history target up to this id is stored. */
  historiesThroughId: z.number().int().min(0).optional(),
  /** Histories above that are read flow by flow: the last (Bitrix24 flow id, task id) read. */
  historiesAt: z.tuple([z.number().int(), z.number().int()]).optional(),
  /** Changed-date scans read tasks changed since this moment (ISO). */
  since: z.string().optional(),
  phaseStartedAt: z.string().optional(),
});
export type SyncCursor = z.infer<typeof syncCursorSchema>;

const runSelect = {
  id: true,
  portalId: true,
  kind: true,
  state: true,
  phase: true,
  done: true,
  total: true,
  cursor: true,
  counts: true,
  error: true,
  startedAt: true,
  owner: true,
  heartbeatAt: true,
  finishedAt: true,
} as const;
export type SyncRunRecord = Prisma.SyncRunGetPayload<{ select: typeof runSelect }>;

/** Starts a run of `kind`, or returns the portal's running one (whatever its kind) with `started: false`. */
export async function requestSyncRun(
  db: PrismaClient,
  portalId: string,
  kind: SyncKind,
): Promise<{ run: SyncRunRecord; started: boolean }> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('flowpilot:sync-run'), hashtext(${portalId}))`;
    const running = await tx.syncRun.findFirst({
      where: { portalId, state: 'running' },
      orderBy: { startedAt: 'desc' },
      select: runSelect,
    });
    if (running) return { run: running, started: false };
    const run = await tx.syncRun.create({ data: { portalId, kind, phase: syncPhases[kind][0] }, select: runSelect });
    return { run, started: true };
  });
}

export async function readSyncRun(db: PrismaClient, runId: string): Promise<SyncRunRecord | null> {
  return db.syncRun.findUnique({ where: { id: runId }, select: runSelect });
}

/** The run was taken over by another worker (this one looked dead to it); stop without writing. */
export class LostSyncRunError extends Error {
  constructor(readonly runId: string) {
    super(`Sync run ${runId} is now held by another worker.`);
    this.name = 'LostSyncRunError';
  }
}

/**
 * Saves progress; called inside the transaction that wrote the page, so data and cursor move
 * together. Throws (rolling the page back) when this worker no longer holds the run.
 */
export async function saveCheckpoint(
  db: Prisma.TransactionClient | PrismaClient,
  run: { id: string; owner: string },
  progress: { phase: string; cursor: SyncCursor; done: number; total: number | null; counts?: Record<string, number> },
): Promise<void> {
  const { count } = await db.syncRun.updateMany({
    where: { id: run.id, owner: run.owner, state: 'running' },
    data: {
      phase: progress.phase,
      cursor: progress.cursor,
      done: progress.done,
      total: progress.total,
      heartbeatAt: new Date(),
      ...(progress.counts ? { counts: progress.counts } : {}),
    },
  });
  if (count !== 1) throw new LostSyncRunError(run.id);
}

/** Keeps the run marked alive; false when another worker has taken it. */
export async function heartbeat(db: PrismaClient, run: { id: string; owner: string }): Promise<boolean> {
  const { count } = await db.syncRun.updateMany({
    where: { id: run.id, owner: run.owner, state: 'running' },
    data: { heartbeatAt: new Date() },
  });
  return count === 1;
}

export async function finishSyncRun(
  db: PrismaClient,
  run: { id: string; owner: string },
  counts: Record<string, number>,
): Promise<void> {
  const now = new Date();
  const { count } = await db.syncRun.updateMany({
    where: { id: run.id, owner: run.owner, state: 'running' },
    data: { state: 'succeeded', phase: 'done', counts, finishedAt: now, heartbeatAt: now },
  });
  if (count !== 1) throw new LostSyncRunError(run.id);
}

/** Why a run failed: a code the pages translate, and a reason in words for the admin. */
export type SyncFailure = { code: string; reason: string };

export async function failSyncRun(
  db: PrismaClient,
  run: { id: string; owner: string },
  failure: SyncFailure,
): Promise<void> {
  await db.syncRun.updateMany({
    where: { id: run.id, owner: run.owner, state: 'running' },
    data: { state: 'failed', error: failure.reason.slice(0, 2000), errorCode: failure.code, finishedAt: new Date() },
  });
}

/**
 * Takes a run for worker `owner`: a new run nobody holds yet, or one whose holder stopped
 * beating for `staleAfterMs` (killed). The update is the claim, so of several instances trying
 * at once exactly one gets it.
 */
export async function claimSyncRun(
  db: PrismaClient,
  runId: string,
  owner: string,
  staleAfterMs: number,
): Promise<boolean> {
  const claimed = await db.$executeRaw`
    UPDATE sync_run SET owner = ${owner}, "heartbeatAt" = now()
    WHERE id = ${runId}::uuid AND state = 'running'
      AND (owner IS NULL OR "heartbeatAt" < now() - make_interval(secs => ${staleAfterMs / 1000}))`;
  return claimed === 1;
}

/** Running runs that nobody holds or whose holder went quiet: candidates for `claimSyncRun`. */
export async function orphanedSyncRuns(db: PrismaClient, staleAfterMs: number): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT id FROM sync_run
    WHERE state = 'running' AND (owner IS NULL OR "heartbeatAt" < now() - make_interval(secs => ${staleAfterMs / 1000}))
    ORDER BY "startedAt"`;
  return rows.map((row) => row.id);
}

/** The moment changed-date scans of `kind` continue from: when the last successful run that covered everything started. */
export async function syncWatermark(db: PrismaClient, portalId: string, kinds: SyncKind[]): Promise<Date | null> {
  const run = await db.syncRun.findFirst({
    where: { portalId, state: 'succeeded', kind: { in: kinds } },
    orderBy: { startedAt: 'desc' },
    select: { startedAt: true },
  });
  return run?.startedAt ?? null;
}
