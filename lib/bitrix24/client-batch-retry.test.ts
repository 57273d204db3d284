import { describe, expect, it } from 'vitest';
import { scriptedClient, sleepingClock } from './testing/scripted-client';

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
    return new Response(
      JSON.stringify({ result: { result, result_error: errors, result_total: {}, result_next: {}, result_time: {} } }),
      { status: 200 },
    );
  };
  return { sent, fetchScript };
}

describe('batch sub-calls that fail for a while', () => {
  it('waits out a method over its time budget and sends again only the refused sub-calls', async () => {
    const clock = sleepingClock();
    const { sent, fetchScript } = scriptedBatches([
      { h2: { error: 'OPERATION_TIME_LIMIT' }, h3: { error: 'OPERATION_TIME_LIMIT' } },
      { h3: { error: 'OPERATION_TIME_LIMIT' } },
    ]);
    const client = scriptedClient(fetchScript, clock);
    const commands = Object.fromEntries(
      ['h1', 'h2', 'h3'].map((key) => [key, { method: 'tasks.task.history.list', params: { taskId: 1 } }]),
    );
    const { results, errors } = await client.batch(commands);
    expect(results).toEqual({ h1: 'h1 done', h2: 'h2 done', h3: 'h3 done' });
    expect(errors).toEqual({});
    expect(sent).toEqual([['h1', 'h2', 'h3'], ['h2', 'h3'], ['h3']]);
    // No reset was ever reported: held for one minute bucket before each new try.
    expect(clock.slept.filter((ms) => ms >= 10_000)).toEqual([60_000, 60_000]);
  });

  it('gives up on a budget that stays used up for over 12 minutes and reports the sub-call error', async () => {
    const clock = sleepingClock();
    const { fetchScript } = scriptedBatches(
      Array.from({ length: 200 }, () => ({ h1: { error: 'OPERATION_TIME_LIMIT' } })),
    );
    const { errors } = await scriptedClient(fetchScript, clock).batch({
      h1: { method: 'tasks.task.history.list' },
      h2: { method: 'tasks.task.history.list' },
    });
    expect(errors.h1?.kind).toBe('operation-limit');
    expect(clock.slept.reduce((sum, ms) => sum + ms, 0)).toBeGreaterThanOrEqual(12 * 60_000);
  });

  it('retries a sub-call the portal failed with a server error, and keeps errors that are final', async () => {
    const clock = sleepingClock();
    const { sent, fetchScript } = scriptedBatches([
      { a: { error: 'INTERNAL_SERVER_ERROR' }, b: { error: 'ERROR_CORE' } },
    ]);
    const { results, errors } = await scriptedClient(fetchScript, clock).batch({
      a: { method: 'tasks.task.get' },
      b: { method: 'tasks.task.get' },
    });
    expect(results).toEqual({ a: 'a done' });
    expect(errors.b?.kind).toBe('invalid-request');
    expect(sent).toEqual([['a', 'b'], ['a']]);
  });
});
