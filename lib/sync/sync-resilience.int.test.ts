import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LeakyBucketLimiter } from '@/lib/bitrix24/rate-limiter';
import { migratedDatabase, type MigratedDatabase } from '@/lib/testing/migrated-database';
import { executeSyncRun } from './run-sync';
import { requestSyncRun, syncCursorSchema } from './sync-runs';
import { mirrorDifferences } from './testing/mirror-differences';
import { syncFixture } from './testing/sync-fixture';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUp(options: Parameters<typeof syncFixture>[1]) {
  const database: MigratedDatabase = await migratedDatabase();
  cleanups.push(database.drop);
  const fixture = await syncFixture(database.db, options);
  cleanups.push(() => fixture.portal.stop());
  return { database, fixture };
}

function startChild(args: object): { child: ChildProcess; exit: Promise<number | null> } {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(import.meta.dirname, 'testing/sync-child.ts'), JSON.stringify(args)],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exit };
}

describe('a sync that is killed or served badly', () => {
  it('killed with SIGKILL at 6 random points, resumes each time from its checkpoint and ends equal to the portal', async () => {
    // Slow answers stretch the run over many checkpoints, so there is room for six kills.
    const { database, fixture } = await setUp({ seed: 5, tasks: 3000, portal: { faults: { slowMs: 60 } } });
    const { run } = await requestSyncRun(database.db, fixture.portalId, 'full');
    const args = { databaseUrl: database.url, webhookUrl: fixture.portal.webhookUrl, runId: run.id };
    const snapshot = async () => {
      const saved = await database.db.syncRun.findUniqueOrThrow({ where: { id: run.id } });
      return { state: saved.state, at: `${saved.phase}:${syncCursorSchema.parse(saved.cursor).afterId}:${saved.done}` };
    };
    const progress: string[] = [(await snapshot()).at];
    for (let kill = 0; kill < 6; kill++) {
      const { child, exit } = startChild({ ...args, owner: `child-${kill}` });
      // Kill at a random moment just after this worker saved progress of its own: mid-run, in whatever phase it is.
      const before = progress.at(-1);
      const deadline = Date.now() + 60_000;
      while ((await snapshot()).at === before && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 20));
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 150));
      child.kill('SIGKILL');
      await exit;
      const saved = await snapshot();
      expect(saved.state, `after kill ${kill + 1}`).toBe('running');
      progress.push(saved.at);
    }
    const last = startChild({ ...args, owner: 'child-final' });
    expect(await last.exit).toBe(0);
    const finished = await database.db.syncRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(finished.state).toBe('succeeded');
    expect(await mirrorDifferences(database.db, fixture.portalId, fixture.portal.state)).toEqual([]);
    // No duplicates: one row per portal task, one change per history row.
    expect(await database.db.task.count({ where: { portalId: fixture.portalId } })).toBe(
      fixture.portal.state.tasks.length,
    );
    const [{ duplicates }] = await database.db.$queryRaw<[{ duplicates: number }]>`
      SELECT count(*)::int AS duplicates FROM (
        SELECT 1 FROM task_change GROUP BY "portalId", "bitrixTaskId", field, "changedAt", "toValue" HAVING count(*) > 1) AS d`;
    expect(duplicates).toBe(0);
    // Every kill came after new progress: seven different checkpoints, the first the empty start.
    expect(new Set(progress).size, progress.join(' → ')).toBe(7);
  }, 240_000);

  it('with 20 % of answers failing, a portal stricter than the client expects, and slow answers, the sync finishes with nothing lost', async () => {
    const { database, fixture } = await setUp({
      seed: 8,
      tasks: 1500,
      portal: { faults: { errorRate: 0.2, slowMs: 30 }, limits: { burst: 5, drainPerSecond: 2 } },
    });
    const retried: string[] = [];
    const client = fixture.client({
      limiter: new LeakyBucketLimiter({ burst: 50, drainPerSecond: 20 }),
      onRetry: (notice) => retried.push(notice.error.kind),
    });
    const { run } = await requestSyncRun(database.db, fixture.portalId, 'full');
    const outcome = await executeSyncRun({ db: database.db, client, owner: 'faulty' }, run.id);
    const finished = await database.db.syncRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(finished.error).toBeNull();
    expect(outcome).toBe('succeeded');
    expect(await mirrorDifferences(database.db, fixture.portalId, fixture.portal.state)).toEqual([]);
    // The faults really happened: server errors and rate-limit refusals were retried.
    expect(retried).toContain('server-error');
    expect(retried).toContain('rate-limited');
  }, 240_000);
});
