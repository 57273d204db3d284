import { portalAdminStatus } from '@/lib/bitrix24/api/directory';
import {
  countTasks,
  highestTaskId,
  scanAllTasksInBatches,
  scanTaskIdsInBatches,
  scanTasks,
} from '@/lib/bitrix24/api/tasks';
import type { Bitrix24Client } from '@/lib/bitrix24/client';
import { Bitrix24Error } from '@/lib/bitrix24/errors';
import { taskStatus } from '@/lib/bitrix24/task-status';
import { formatPortalDate } from '@/lib/bitrix24/portal-dates';
import type { PrismaClient } from '@/lib/db/client';
import { Prisma, type SyncKind } from '@/lib/db/generated/client';
import { rollUpFigures } from '@/lib/metrics/daily-figure-rollup';
import { syncDirectory } from './directory-sync';
import { refreshFlows } from './flow-refresh';
import { mirroredTask } from './mirrored-task';
import { readPortalTimeZone } from './portal-time-zone';
import { readPortalWorkCalendar } from './portal-work-calendar';
import {
  claimSyncRun,
  failSyncRun,
  finishSyncRun,
  heartbeat,
  LostSyncRunError,
  readSyncRun,
  saveCheckpoint,
  syncCursorSchema,
  syncPhases,
  syncWatermark,
  type SyncCursor,
  type SyncFailure,
} from './sync-runs';
import { readHistoryChanges, storeHistories } from './task-histories';
import { markMissingInRange, upsertTasks } from './task-writes';
import { lockMirrorWrites } from './mirror-write-lock';

/**
 * Runs a sync to its end: a full sync (directory, every task by batched id ranges, flows,
 * histories, deletions), an incremental one (tasks changed since the last run, with overlap), or
 * a reconciliation (directory, changes since the last reconciliation, an id scan that finds
 * tasks deleted on the portal, flows, histories); each ends with the roll-up of the figures the
 * pages show. Every page is written in one transaction
 * together with the run's cursor, so a run killed at any point resumes from its last page: no
 * gaps, and upserts make the re-read page harmless.
 */
export type SyncOptions = {
  db: PrismaClient;
  client: Bitrix24Client;
  /** Who this worker is (host and process), recorded as the run's holder. */
  owner: string;
  /** A run whose holder has not beaten for this long may be taken over. */
  staleAfterMs?: number;
  heartbeatMs?: number;
  /** Histories are read for flow tasks open or closed within this many days (the figures' backfill window). */
  historyDays?: number;
  /** Changed-date scans start this much before the last run began, so clock skew loses nothing. */
  overlapMs?: number;
  now?: () => number;
  /** Aborted when the process is stopping: the run stops after the page in hand, stays running and resumes later. */
  signal?: AbortSignal;
};

export type SyncOutcome = 'succeeded' | 'failed' | 'not-claimed' | 'lost' | 'stopped';

class SyncStoppedError extends Error {}

type Holder = { id: string; owner: string };

type PhaseContext = {
  options: SyncOptions;
  run: Holder & { kind: SyncKind; portalId: string; startedAt: Date };
  offset: string;
  cursor: SyncCursor;
  counts: Record<string, number>;
  done: number;
  /** The progress total the last checkpoint saved. */
  total: number | null;
  /** The run's history reads, going on alongside other work (`readHistoriesAlong`). */
  historiesAlong?: HistoriesAlong;
  /** Flows (ids) whose figures this process rolled up after their histories were read. */
  rolledUp?: Set<string>;
};

const historyBatch = 50;

async function checkpoint(
  db: Prisma.TransactionClient | PrismaClient,
  context: PhaseContext,
  total: number | null,
  cursor: SyncCursor = context.cursor,
): Promise<void> {
  // Stopping before the save rolls the page back with it: the resumed run reads that page again.
  if (context.options.signal?.aborted) throw new SyncStoppedError();
  context.total = total;
  await saveCheckpoint(db, context.run, {
    phase: cursor.phase ?? '',
    cursor,
    done: context.done,
    total,
    counts: context.counts,
  });
}

async function directoryPhase(context: PhaseContext): Promise<void> {
  const { db, client } = context.options;
  const written = await syncDirectory(db, client, context.run.portalId);
  const [zone, calendar] = await Promise.all([
    readPortalTimeZone(client),
    readPortalWorkCalendar(client).catch((error: unknown) => {
      // A connection without the calendar scope still syncs; the last calendar read (or Bitrix24's defaults) stays.
      if (error instanceof Bitrix24Error && !error.retryable) return null;
      throw error;
    }),
  ]);
  if (zone || calendar) {
    await db.portal.update({
      where: { id: context.run.portalId },
      data: {
        ...(zone ? { timeZoneOffset: zone.offset, timeZone: zone.timeZone } : {}),
        ...(calendar ? { workCalendar: calendar } : {}),
      },
    });
  }
  if (zone) context.offset = zone.offset;
  Object.assign(context.counts, written);
}

async function writeTaskPage(
  context: PhaseContext,
  tasks: Parameters<typeof mirroredTask>[0][],
  afterId: number,
  total: number | null,
  readAt: Date,
): Promise<void> {
  const rows = tasks.map((task) => mirroredTask(task, context.offset));
  await context.options.db.$transaction(async (tx) => {
    await lockMirrorWrites(tx, context.run.portalId);
    await upsertTasks(tx, context.run.portalId, rows, readAt);
    context.done += rows.length;
    context.cursor = { ...context.cursor, afterId };
    context.counts.tasks = (context.counts.tasks ?? 0) + rows.length;
    await checkpoint(tx, context, total);
  });
}

async function allTasksPhase(context: PhaseContext): Promise<void> {
  const { client } = context.options;
  if (context.cursor.upToId === undefined) {
    context.cursor = { ...context.cursor, upToId: await highestTaskId(client) };
    await checkpoint(context.options.db, context, await countTasks(client));
  }
  const total = (await readSyncRun(context.options.db, context.run.id))?.total ?? null;
  const along = (context.historiesAlong = readHistoriesAlong(context, true));
  // A page is requested when the scan is asked for it, at the earliest after the last page was
  // written; the scan may wait on the rate limit after that, so the time errs early.
  let readAt = new Date();
  for await (const batch of scanAllTasksInBatches(client, {
    afterId: context.cursor.afterId,
    upToId: context.cursor.upToId,
  })) {
    await writeTaskPage(context, batch.tasks, batch.throughId, total, readAt);
    along.scanned(batch.throughId);
    readAt = new Date();
  }
  along.scanned(null);
}

async function changedTasksPhase(context: PhaseContext): Promise<void> {
  const { db, client } = context.options;
  if (context.cursor.since === undefined) {
    const kinds: SyncKind[] =
      context.run.kind === 'reconcile' ? ['full', 'reconcile'] : ['full', 'incremental', 'reconcile'];
    const watermark = await syncWatermark(db, context.run.portalId, kinds);
    const since = new Date((watermark?.getTime() ?? 0) - (context.options.overlapMs ?? 5 * 60_000));
    context.cursor = { ...context.cursor, since: since.toISOString() };
    await checkpoint(db, context, null);
  }
  const filter = { '>=CHANGED_DATE': formatPortalDate(Date.parse(context.cursor.since!), context.offset) };
  const total = await countTasks(client, filter);
  let readAt = new Date();
  for await (const page of scanTasks(client, { filter, afterId: context.cursor.afterId })) {
    await writeTaskPage(context, page, Number(page.at(-1)!.id), total, readAt);
    readAt = new Date();
  }
}

async function deletionsPhase(context: PhaseContext): Promise<void> {
  const { db, client } = context.options;
  // Only a portal admin sees every task; to anyone else Bitrix24 answers an unseen task like a
  // deleted one, so their deletions come from ONTASKDELETE alone (docs/bitrix24.md, "Errors, flow
  // access and the webhook's user").
  if ((await portalAdminStatus(client)) !== true) {
    context.counts.deletionsNotChecked = 1;
    return;
  }
  if (context.run.kind === 'full') {
    // Everything the full scan did not write again is gone from the portal.
    const removed = await db.$executeRaw`
      UPDATE task SET "deletedAt" = now()
      WHERE "portalId" = ${context.run.portalId}::uuid AND "deletedAt" IS NULL
        AND "bitrixTaskId" <= ${context.cursor.upToId ?? 0} AND "syncedAt" < ${context.run.startedAt}`;
    context.counts.deleted = removed;
    return;
  }
  if (context.cursor.upToId === undefined) {
    context.cursor = { ...context.cursor, upToId: await highestTaskId(client) };
    await checkpoint(db, context, context.cursor.upToId ?? null);
  }
  for await (const batch of scanTaskIdsInBatches(client, {
    afterId: context.cursor.afterId,
    upToId: context.cursor.upToId,
  })) {
    await db.$transaction(async (tx) => {
      await lockMirrorWrites(tx, context.run.portalId);
      const removed = await markMissingInRange(
        tx,
        context.run.portalId,
        { afterId: context.cursor.afterId, throughId: batch.throughId },
        batch.tasks,
      );
      context.counts.deleted = (context.counts.deleted ?? 0) + removed;
      context.done = batch.throughId;
      context.cursor = { ...context.cursor, afterId: batch.throughId };
      await checkpoint(tx, context, context.cursor.upToId ?? null);
    });
  }
}

async function flowsPhase(context: PhaseContext): Promise<void> {
  const refreshed = await refreshFlows(
    context.options.db,
    context.options.client,
    context.run.portalId,
    context.offset,
    { probe: context.run.kind !== 'incremental' },
  );
  context.counts.flows = refreshed.flows;
  if (refreshed.removed) context.counts.flowsRemoved = refreshed.removed;
  if (refreshed.unreadable.length) context.counts.flowsUnreadable = refreshed.unreadable.length;
}

/**
 * Which tasks' histories the run reads: flow tasks open or closed within the window; for runs
 * other than full, only those this run wrote. Left out: tasks still waiting, never started and
 * never changed since their creation. Bitrix24 stamps every update as the task's CHANGED_DATE and
 * logs each changed field at that stamp (docs/bitrix24.md, "Which histories the sync reads"), so
 * such a task's history holds nothing after its creation moment, and no figure reads a change
 * made at the moment a task began: the figures need no call for it.
 */
function historyTargets(context: PhaseContext): Prisma.Sql {
  const since = new Date((context.options.now?.() ?? Date.now()) - (context.options.historyDays ?? 120) * 86_400_000);
  const changedOnly = context.run.kind !== 'full';
  return Prisma.sql`
    "portalId" = ${context.run.portalId}::uuid AND "bitrixFlowId" IS NOT NULL AND "deletedAt" IS NULL
    AND ("closedAt" IS NULL OR "closedAt" >= ${since})
    AND (${!changedOnly} OR "syncedAt" >= ${context.run.startedAt})
    AND NOT ("changedAt" = "createdAt" AND raw->>'changedDate' IS NOT NULL
      AND status IN (${taskStatus.new}, ${taskStatus.pending}) AND "startedAt" IS NULL)`;
}

/** The next history targets after `afterId` and up to `throughId`, in id order. */
async function targetsUpTo(context: PhaseContext, afterId: number, throughId: number): Promise<number[]> {
  const rows = await context.options.db.$queryRaw<{ id: number }[]>`
    SELECT "bitrixTaskId" AS id FROM task
    WHERE ${historyTargets(context)} AND "bitrixTaskId" > ${afterId} AND "bitrixTaskId" <= ${throughId}
    ORDER BY "bitrixTaskId" LIMIT ${historyBatch}`;
  return rows.map((row) => row.id);
}

/** Where the flow-by-flow reading stands: history targets above `historiesThroughId`, by flow then id. */
function flowOrderSql(cursor: SyncCursor): Prisma.Sql {
  const [flow, task] = cursor.historiesAt ?? [0, 0];
  return Prisma.sql`"bitrixTaskId" > ${cursor.historiesThroughId ?? 0} AND ("bitrixFlowId", "bitrixTaskId") > (${flow}, ${task})`;
}

/** The next history targets flow by flow (see `flowOrderSql`). */
async function targetsByFlow(context: PhaseContext): Promise<{ id: number; flow: number }[]> {
  return context.options.db.$queryRaw<{ id: number; flow: number }[]>`
    SELECT "bitrixTaskId" AS id, "bitrixFlowId" AS flow FROM task
    WHERE ${historyTargets(context)} AND ${flowOrderSql(context.cursor)}
    ORDER BY "bitrixFlowId", "bitrixTaskId" LIMIT ${historyBatch}`;
}

/** Reads and stores the histories of some tasks; `cursor` is the run's cursor once they are stored. */
async function readHistories(context: PhaseContext, ids: number[], cursor: () => SyncCursor): Promise<void> {
  const { db, client } = context.options;
  const changes = await readHistoryChanges(client, ids, context.offset);
  await db.$transaction(async (tx) => {
    await lockMirrorWrites(tx, context.run.portalId);
    await storeHistories(tx, context.run.portalId, ids, changes);
    if (context.cursor.phase === 'histories') context.done += ids.length;
    context.counts.histories = (context.counts.histories ?? 0) + ids.length;
    await checkpoint(tx, context, context.total, cursor());
  });
  // Only once stored: a phase's first checkpoint, saved meanwhile, must not claim these as read.
  context.cursor = cursor();
}

type HistoriesAlong = {
  /** The task scan has written every task up to this id (null: the scan is over). */
  scanned: (throughId: number | null) => void;
  /** The flows (Bitrix24 ids) whose histories are all read since the last call; null once every one is read. */
  completedFlows: () => Promise<number[] | null>;
  /** Resolves when every history is read, or rejects with the reader's failure. */
  finished: Promise<void>;
  stop: () => void;
};

/**
 * The run's history reads, going on while other work goes on. In a full run they start with the
 * task scan: each page written makes its flow tasks' histories readable, and those calls go out
 * while later pages are fetched. A method may spend only 480 s of its time budget in any ten
 * minutes (docs/bitrix24.md, "Limits and pacing"), so the history method's calls end no sooner
 * than ten minutes after its first; the sooner that first call, the sooner the sync ends. Once
 * the scan is over the rest is read flow by flow, so each flow's figures can be rolled up as soon
 * as its histories are in, while the next flows' are read. The cursor keeps both places
 * (`historiesThroughId`, `historiesAt`), so a resumed run reads no history twice.
 */
function readHistoriesAlong(context: PhaseContext, scanning: boolean): HistoriesAlong {
  let scannedThrough = context.cursor.afterId;
  let scanOver = !scanning;
  let stopped = false;
  let moves = 0;
  let wake = () => {};
  const moved = () => {
    moves++;
    wake();
  };
  let completed: number[] = [];
  let allRead = false;
  let announce = () => {};
  const complete = (flows: number[], last = false) => {
    completed.push(...flows);
    allRead ||= last;
    announce();
  };
  const alongScan = async () => {
    while (!scanOver && !stopped) {
      const seen = moves;
      const ids = await targetsUpTo(context, context.cursor.historiesThroughId ?? 0, scannedThrough);
      if (ids.length < historyBatch) {
        // Wait for the scan's next page, unless it came while the targets were read.
        if (seen === moves) await new Promise<void>((resolve) => (wake = resolve));
        continue;
      }
      await readHistories(context, ids, () => ({ ...context.cursor, historiesThroughId: ids.at(-1)! }));
    }
  };
  const byFlow = async () => {
    while (!stopped) {
      const rows = await targetsByFlow(context);
      const last = rows.at(-1);
      if (!last) return;
      await readHistories(
        context,
        rows.map((row) => row.id),
        () => ({ ...context.cursor, historiesAt: [last.flow, last.id] }),
      );
      // Every flow before the last one in this batch is read to its end.
      complete([...new Set(rows.filter((row) => row.flow !== last.flow).map((row) => row.flow))]);
    }
  };
  const finished = (async () => {
    try {
      await alongScan();
      await byFlow();
    } finally {
      complete([], true);
    }
  })();
  // Failures surface when the histories phase joins; until then they must not go unhandled.
  finished.catch(() => undefined);
  return {
    scanned: (throughId) => {
      if (throughId === null) scanOver = true;
      else scannedThrough = throughId;
      moved();
    },
    completedFlows: async () => {
      while (completed.length === 0 && !allRead) await new Promise<void>((resolve) => (announce = resolve));
      if (completed.length === 0) return null;
      const flows = completed;
      completed = [];
      return flows;
    },
    finished,
    stop: () => {
      stopped = true;
      scanOver = true;
      moved();
    },
  };
}

/** The flows' figures (lib/metrics/daily-figure-rollup.ts): the days of the run's window after a full run, else the last two. */
async function rollUp(context: PhaseContext, flowIds?: string[]): Promise<void> {
  const full = context.run.kind === 'full';
  const flowDays = await rollUpFigures(context.options.db, context.run.portalId, {
    days: full ? (context.options.historyDays ?? 120) : 2,
    now: new Date(context.options.now?.() ?? Date.now()),
    flowIds,
  });
  context.counts.flowDays = (context.counts.flowDays ?? 0) + flowDays;
}

/** A full sync is a bulk load: fresh planner statistics keep the roll-up on good plans (without them the 120-day roll-up of a new mirror is many times slower). */
async function analyzeMirror(context: PhaseContext): Promise<void> {
  await context.options.db.$executeRaw`ANALYZE task, task_change, flow, flow_member, employee`;
}

async function historiesPhase(context: PhaseContext): Promise<void> {
  const { db } = context.options;
  const full = context.run.kind === 'full';
  const [{ total, done }] = await db.$queryRaw<[{ total: number; done: number }]>`
    SELECT count(*)::int AS total, (count(*) FILTER (WHERE NOT (${flowOrderSql(context.cursor)})))::int AS done
    FROM task WHERE ${historyTargets(context)}`;
  context.done = done;
  await checkpoint(db, context, total);
  const along = (context.historiesAlong ??= readHistoriesAlong(context, false));
  if (full) await analyzeMirror(context);
  // A full run rolls up each flow whose histories are in while the others' are read; the
  // figures phase does the rest. The flows phase has mirrored the flows by now.
  for (let flows = await along.completedFlows(); flows !== null; flows = await along.completedFlows()) {
    if (!full) continue;
    const rows = await db.flow.findMany({
      where: { portalId: context.run.portalId, bitrixFlowId: { in: flows } },
      select: { id: true },
    });
    await rollUp(
      context,
      rows.map((row) => row.id),
    );
    for (const row of rows) (context.rolledUp ??= new Set()).add(row.id);
  }
  await along.finished;
}

/**
 * The roll-up of what the pages show (lib/metrics/daily-figure-rollup.ts), so that a sync that
 * says it succeeded has its figures ready: after a full sync the daily figures of the days whose
 * histories it read (120), after any other today's and yesterday's. A full run has rolled up most
 * flows as their histories came in; the rest here, and every flow again when the run marked tasks
 * deleted. Writing them again is harmless, so a resumed run simply does it again.
 */
async function figuresPhase(context: PhaseContext): Promise<void> {
  const { db } = context.options;
  const full = context.run.kind === 'full';
  if (!full) return rollUp(context);
  const flows = await db.flow.findMany({ where: { portalId: context.run.portalId }, select: { id: true } });
  const rolledUp = (context.counts.deleted ?? 0) > 0 ? new Set<string>() : (context.rolledUp ?? new Set<string>());
  const left = flows.map((flow) => flow.id).filter((id) => !rolledUp.has(id));
  if (left.length === 0) return;
  await analyzeMirror(context);
  await rollUp(context, left);
}

const phaseRunners: Record<string, (context: PhaseContext) => Promise<void>> = {
  directory: directoryPhase,
  tasks: allTasksPhase,
  changes: changedTasksPhase,
  deletions: deletionsPhase,
  flows: flowsPhase,
  histories: historiesPhase,
  figures: figuresPhase,
};

/**
 * What the run's record says about a failure. Bitrix24 errors already say what to do; anything
 * else (a database or parsing error) is Flowpilot's own, and its text, which may name tables,
 * columns or portal data, goes to the server log only.
 */
function failureOf(error: unknown, runId: string): SyncFailure {
  if (error instanceof Bitrix24Error) return { code: `portal-${error.kind}`, reason: error.message };
  console.error(`[sync] run ${runId} failed:`, error);
  return { code: 'internal', reason: `Flowpilot failed while syncing (run ${runId}); the server log has the details.` };
}

export async function executeSyncRun(options: SyncOptions, runId: string): Promise<SyncOutcome> {
  const { db } = options;
  const staleAfterMs = options.staleAfterMs ?? 30_000;
  if (!(await claimSyncRun(db, runId, options.owner, staleAfterMs))) return 'not-claimed';
  const record = await readSyncRun(db, runId);
  if (!record) return 'not-claimed';
  const portal = await db.portal.findUniqueOrThrow({
    where: { id: record.portalId },
    select: { timeZoneOffset: true },
  });
  const run = {
    id: record.id,
    owner: options.owner,
    kind: record.kind,
    portalId: record.portalId,
    startedAt: record.startedAt,
  };

  let lost = false;
  let stopAlong = () => {};
  const beat = setInterval(() => {
    void heartbeat(db, run).then(
      (held) => (lost ||= !held),
      () => undefined,
    );
  }, options.heartbeatMs ?? 5_000);
  try {
    const phases: readonly string[] = syncPhases[record.kind];
    const saved = syncCursorSchema.parse(record.cursor);
    const context: PhaseContext = {
      options,
      run,
      offset: portal.timeZoneOffset,
      cursor: saved,
      counts: (record.counts ?? {}) as Record<string, number>,
      done: record.done,
      total: record.total,
    };
    stopAlong = () => context.historiesAlong?.stop();
    for (let index = Math.max(0, phases.indexOf(saved.phase ?? phases[0]!)); index < phases.length; index++) {
      if (lost) throw new LostSyncRunError(run.id);
      if (options.signal?.aborted) throw new SyncStoppedError();
      const phase = phases[index]!;
      if (context.cursor.phase !== phase) {
        const { upToId, since, historiesThroughId, historiesAt } = context.cursor;
        context.cursor = {
          phase,
          afterId: 0,
          upToId: phase === 'deletions' && run.kind === 'reconcile' ? undefined : upToId,
          since,
          historiesThroughId,
          historiesAt,
          phaseStartedAt: new Date().toISOString(),
        };
        context.done = 0;
        await checkpoint(db, context, null);
      }
      await phaseRunners[phase]!(context);
    }
    await finishSyncRun(db, run, context.counts);
    return 'succeeded';
  } catch (error) {
    if (error instanceof LostSyncRunError) return 'lost';
    if (error instanceof SyncStoppedError || options.signal?.aborted) return 'stopped';
    await failSyncRun(db, run, failureOf(error, run.id));
    return 'failed';
  } finally {
    clearInterval(beat);
    stopAlong();
  }
}
