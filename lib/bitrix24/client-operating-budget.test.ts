import { describe, expect, it } from 'vitest';
import { scriptedClient, sleepingClock } from './testing/scripted-client';

/**
 * A method over its time budget, as Bitrix24 answers it (b24restdocs
 * `settings/performance/limits.md`): 429 OPERATION_TIME_LIMIT with no timings at all; the
 * reset is the `operating_reset_at` of the last successful answer ("for the first retry, refer to
 * operating_reset_at from the last successful response; if the error persists, wait for the next
 * bucket reset"), and batch sub-calls report their own figures in `result_time`.
 */
const refused = () =>
  new Response(
    JSON.stringify({
      error: 'OPERATION_TIME_LIMIT',
      error_description: 'Accumulated method execution time has exceeded the limit for the application or webhook',
    }),
    { status: 429 },
  );
const answered = (result: unknown, time: object) => new Response(JSON.stringify({ result, time }), { status: 200 });

describe('a method over its time budget, with no timings in the refusal', () => {
  it('waits until the reset the last successful answer named, and for later resets while refused, instead of giving up', async () => {
    const clock = sleepingClock(1_800_000_000_000);
    const resetAt = clock.now() / 1000 + 300;
    let calls = 0;
    const fetchScript: typeof fetch = async () => {
      calls++;
      if (calls === 1) return answered('2026-12-04T00:00:00+03:00', { operating: 479, operating_reset_at: resetAt });
      // Refused until the reset has passed and one more bucket has gone.
      return clock.now() < resetAt * 1000 + 60_000
        ? refused()
        : answered('2026-12-04T00:10:00+03:00', { operating: 100, operating_reset_at: resetAt + 600 });
    };
    const client = scriptedClient(fetchScript, clock);
    await client.call('server.time');
    const second = await client.call('server.time');
    expect(second.result).toBe('2026-12-04T00:10:00+03:00');
    // The first wait reaches the reset the successful answer named.
    expect(clock.now()).toBeGreaterThanOrEqual(resetAt * 1000 + 60_000);
    expect(Math.max(...clock.slept)).toBeGreaterThanOrEqual(280_000);
  });

  it('paces a method by the figures batch sub-calls report in result_time', async () => {
    const clock = sleepingClock(1_800_000_000_000);
    const resetAt = clock.now() / 1000 + 300;
    const fetchScript: typeof fetch = async (input) => {
      const method = String(input)
        .split('/')
        .pop()!
        .replace(/\.json$/, '');
      if (method === 'batch') {
        return new Response(
          JSON.stringify({
            result: {
              result: { h1: { list: [] } },
              result_error: [],
              result_total: [],
              result_next: [],
              result_time: {
                h1: {
                  start: 1,
                  finish: 2,
                  duration: 1,
                  processing: 1,
                  date_start: '',
                  date_finish: '',
                  operating: 470,
                  operating_reset_at: resetAt,
                },
              },
            },
          }),
          { status: 200 },
        );
      }
      return answered({ list: [] }, { operating: 1, operating_reset_at: resetAt });
    };
    const client = scriptedClient(fetchScript, clock);
    await client.batch({ h1: { method: 'tasks.task.history.list', params: { taskId: 1 } } });
    expect(clock.slept).toEqual([]);
    await client.call('tasks.task.history.list', { taskId: 2 });
    // 470 of 480 s used: the next call of that method waits before it is sent.
    expect(clock.slept.some((ms) => ms > 0)).toBe(true);
  });

  it('holds a sub-call refused in a batch until the reset its method last reported', async () => {
    const clock = sleepingClock(1_800_000_000_000);
    const resetAt = clock.now() / 1000 + 200;
    let batches = 0;
    const fetchScript: typeof fetch = async (input) => {
      const method = String(input)
        .split('/')
        .pop()!
        .replace(/\.json$/, '');
      if (method !== 'batch') return answered({ list: [] }, { operating: 470, operating_reset_at: resetAt });
      batches++;
      const refusedNow = clock.now() < resetAt * 1000;
      return new Response(
        JSON.stringify({
          result: {
            result: refusedNow ? [] : { h1: { list: [] } },
            result_error: refusedNow
              ? {
                  h1: {
                    error: 'OPERATION_TIME_LIMIT',
                    error_description: 'Accumulated method execution time has exceeded the limit',
                  },
                }
              : [],
            result_total: [],
            result_next: [],
            result_time: [],
          },
        }),
        { status: 200 },
      );
    };
    const client = scriptedClient(fetchScript, clock);
    await client.call('tasks.task.history.list', { taskId: 1 });
    const { errors } = await client.batch({ h1: { method: 'tasks.task.history.list', params: { taskId: 2 } } });
    expect(errors).toEqual({});
    // One refusal, then a single wait to the named reset: not a ladder of short guesses.
    expect(batches).toBe(2);
  });
});
