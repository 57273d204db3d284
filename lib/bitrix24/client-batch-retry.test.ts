import { describe, expect, it } from 'vitest';
import { Bitrix24Client } from './client';
import { LeakyBucketLimiter, OperatingBudget, type Clock } from './rate-limiter';

/** A clock that only moves when someone sleeps, so waits are measured, not spent. */
function fakeClock(): Clock & { slept: number[] } {
  let now = 1_000_000;
  const slept: number[] = [];
  return { slept, now: () => now, sleep: async (ms) => void (slept.push(ms), (now += ms)) };
}

type Answer = Record<string, { ok?: unknown; error?: string }>;

/** A portal that answers each batch from a script: per round, per key, a result or an error code. */
function scriptedBatches(rounds: Answer[]) {
  const sent: string[][] = [];
  const fetchScript: typeof fetch = async (_input, init) => {
    const { cmd } = JSON.parse(String(init?.body)) as { cmd: Record<string, string> };
    const keys = Object.keys(cmd);
    sent.push(keys);
    const script = rounds[sent.length - 1] ?? {};
    const result: Record<string, unknown> = {};
    const errors: Record<string, unknown> = {};
    for (const key of keys) {
      const answer = script[key] ?? { ok: `${key} done` };
      if (answer.error) errors[key] = { error: answer.error, error_description: answer.error };
      else result[key] = answer.ok;
    }
    return new Response(JSON.stringify({ result: { result, result_error: errors, result_total: {}, result_next: {}, result_time: {} } }), { status: 200 });
  };
  return { sent, fetchScript };
}

function clientWith(fetchScript: typeof fetch, clock: Clock) {
  return new Bitrix24Client({
    connection: { kind: 'webhook', url: 'https://portal.test/rest/1/code/' },
    fetch: fetchScript,
    clock,
    limiter: new LeakyBucketLimiter({ burst: 1000, drainPerSecond: 1000 }, clock),
    budget: new OperatingBudget(480, clock),
    random: () => 0.5,
  });
}

describe('batch sub-calls that fail for a while', () => {
  it('waits out a method over its time budget and sends again only the refused sub-calls', async () => {
    const clock = fakeClock();
    const { sent, fetchScript } = scriptedBatches([{ h2: { error: 'OPERATION_TIME_LIMIT' }, h3: { error: 'OPERATION_TIME_LIMIT' } }, { h3: { error: 'OPERATION_TIME_LIMIT' } }]);
    const client = clientWith(fetchScript, clock);
    const commands = Object.fromEntries(['h1', 'h2', 'h3'].map((key) => [key, { method: 'tasks.task.history.list', params: { taskId: 1 } }]));
    const { results, errors } = await client.batch(commands);
    expect(results).toEqual({ h1: 'h1 done', h2: 'h2 done', h3: 'h3 done' });
    expect(errors).toEqual({});
    expect(sent).toEqual([['h1', 'h2', 'h3'], ['h2', 'h3'], ['h3']]);
    // Held at least 10 s, then longer, before each new try.
    expect(clock.slept.filter((ms) => ms >= 10_000)).toHaveLength(2);
    expect(clock.slept.reduce((sum, ms) => sum + ms, 0)).toBeGreaterThanOrEqual(25_000);
  });

  it('gives up on a budget that stays used up for over 12 minutes and reports the sub-call error', async () => {
    const clock = fakeClock();
    const { fetchScript } = scriptedBatches(Array.from({ length: 200 }, () => ({ h1: { error: 'OPERATION_TIME_LIMIT' } })));
    const { errors } = await clientWith(fetchScript, clock).batch({ h1: { method: 'tasks.task.history.list' }, h2: { method: 'tasks.task.history.list' } });
    expect(errors.h1?.kind).toBe('operation-limit');
    expect(clock.slept.reduce((sum, ms) => sum + ms, 0)).toBeGreaterThanOrEqual(12 * 60_000);
  });

  it('retries a sub-call the portal failed with a server error, and keeps errors that are final', async () => {
    const clock = fakeClock();
    const { sent, fetchScript } = scriptedBatches([{ a: { error: 'INTERNAL_SERVER_ERROR' }, b: { error: 'ERROR_CORE' } }]);
    const { results, errors } = await clientWith(fetchScript, clock).batch({ a: { method: 'tasks.task.get' }, b: { method: 'tasks.task.get' } });
    expect(results).toEqual({ a: 'a done' });
    expect(errors.b?.kind).toBe('invalid-request');
    expect(sent).toEqual([['a', 'b'], ['a']]);
  });
});
