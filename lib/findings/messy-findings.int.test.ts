import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeSyncRun } from '@/lib/sync/run-sync';
import { requestSyncRun } from '@/lib/sync/sync-runs';
import { syncFixture } from '@/lib/sync/testing/sync-fixture';
import { migratedDatabase, type MigratedDatabase } from '@/lib/testing/migrated-database';
import { diagnoseSyncedFlows, diagnosisScore, type DiagnosisScore } from './testing/generated-diagnosis';

/**
 * Seeds of messy companies: every failing flow with a dominant cause, weaker ones and noise.
 * Thresholds, the attribution and the generator were set on seeds 201–212 (and an earlier held-out
 * set, 401–410); these were first run for the report. The per-seed table goes to the log
 * (docs/copilot.md).
 */
const seeds = [501, 502, 503, 504, 505, 506, 507, 508, 509, 510];
const tasks = 3000;

describe('findings on messy generated companies, synced from the demo portal', () => {
  let database: MigratedDatabase;
  const scores = new Map<number, DiagnosisScore>();

  beforeAll(async () => {
    database = await migratedDatabase();
  });

  afterAll(async () => {
    await database?.drop();
    const rows = [...scores].map(
      ([seed, score]) =>
        `| ${seed} | ${score.failing} | ${score.dominantFirst} | ${score.dominantInTopThree} | ${score.healthy} | ${score.strengthsFirst} | ${score.addsUp}/${score.flows} | ${score.misses.map((miss) => `${miss.cause} (${miss.efficiency} %; weaker: ${miss.weaker.join(', ') || 'none'}) → ${miss.found.slice(0, 3).join(', ') || 'nothing'}`).join('; ')} |`,
    );
    console.info(
      [
        '| Seed | Failing | Dominant first | In top 3 | Healthy | Strengths first | Points add up | Misses |',
        '|---|---|---|---|---|---|---|---|',
        ...rows,
      ].join('\n'),
    );
  });

  it.each(seeds)('finds the dominant cause on seed %i', async (seed) => {
    const fixture = await syncFixture(database.db, { seed, tasks, kind: 'messy' });
    try {
      const { run } = await requestSyncRun(database.db, fixture.portalId, 'full');
      expect(await executeSyncRun({ db: database.db, client: fixture.client(), owner: 'test' }, run.id)).toBe(
        'succeeded',
      );
      const diagnosed = await diagnoseSyncedFlows(database.db, fixture);
      const score = diagnosisScore(diagnosed);
      scores.set(seed, score);
      expect(score.healthy).toBe(score.strengthsFirst);
      expect(score.addsUp).toBe(score.flows);
    } finally {
      await fixture.portal.stop();
    }
  });

  it('puts the dominant cause first in 90 % of failing flows and in the top three in 98 %', () => {
    const total = [...scores.values()].reduce(
      (sum, score) => ({
        failing: sum.failing + score.failing,
        first: sum.first + score.dominantFirst,
        topThree: sum.topThree + score.dominantInTopThree,
      }),
      { failing: 0, first: 0, topThree: 0 },
    );
    expect(total.failing).toBeGreaterThanOrEqual(5 * seeds.length);
    expect(total.first / total.failing).toBeGreaterThanOrEqual(0.9);
    expect(total.topThree / total.failing).toBeGreaterThanOrEqual(0.98);
  });
});
