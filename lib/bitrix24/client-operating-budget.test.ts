import { describe, expect, it } from 'vitest';
import { PortalLimits } from '@/lib/demo-portal/portal-limits';
import { taskHistories } from './api/tasks';
import { Bitrix24Client, type RetryNotice } from './client';
import { LeakyBucketLimiter, OperatingBudget } from './rate-limiter';
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

  it('holds a method that batch sub-calls report over its budget until the reset they name', async () => {
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
                  start: clock.now() / 1000,
                  finish: clock.now() / 1000,
                  duration: 1,
                  processing: 1,
                  date_start: '',
                  date_finish: '',
                  operating: 481,
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
    await client.call('server.time');
    expect(clock.slept).toEqual([]);
    await client.call('tasks.task.history.list', { taskId: 2 });
    // 481 of 480 s used: the next call of that method would be refused, so it waits for the reset.
    expect(clock.slept).toEqual([300_000]);
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

describe('pacing a method by its time budget', () => {
  /**
   * A portal that runs batches of history calls, each costing `cost` seconds of the method's
   * budget, with Bitrix24's baskets (lib/demo-portal/portal-limits.ts) on the test's clock, and
   * reports each sub-call's figures in result_time.
   */
  function budgetedPortal(clock: ReturnType<typeof sleepingClock>, cost: number) {
    const limits = new PortalLimits({ burst: 50, drainPerSecond: 2, operatingBudgetSeconds: 480 });
    const method = 'tasks.task.history.list';
    const served = { calls: 0, refused: 0 };
    const fetchScript: typeof fetch = async (_input, init) => {
      const { cmd } = JSON.parse(String(init?.body)) as { cmd: Record<string, string> };
      const result: Record<string, unknown> = {};
      const errors: Record<string, unknown> = {};
      const times: Record<string, unknown> = {};
      for (const key of Object.keys(cmd)) {
        const now = clock.now();
        if (limits.exhausted('hook', method, now)) {
          served.refused++;
          errors[key] = { error: 'OPERATION_TIME_LIMIT', error_description: 'Accumulated method execution time' };
          continue;
        }
        served.calls++;
        limits.spend('hook', method, cost, now);
        const usage = limits.usage('hook', method, now);
        result[key] = { list: [] };
        times[key] = {
          start: now / 1000,
          finish: now / 1000,
          operating: usage.operating,
          operating_reset_at: usage.resetAt,
        };
      }
      const phpMap = (map: Record<string, unknown>) => (Object.keys(map).length ? map : []);
      return new Response(
        JSON.stringify({
          result: {
            result: phpMap(result),
            result_error: phpMap(errors),
            result_total: [],
            result_next: [],
            result_time: phpMap(times),
          },
        }),
        { status: 200 },
      );
    };
    return { fetchScript, served };
  }

  it('reads past the budget without a refusal: it holds the method until a basket drops, and no longer', async () => {
    const clock = sleepingClock(Date.UTC(2026, 4, 14, 10, 5, 20));
    const started = clock.now();
    const { fetchScript, served } = budgetedPortal(clock, 1);
    const notices: RetryNotice[] = [];
    const client = new Bitrix24Client({
      connection: { kind: 'webhook', url: 'https://portal.test/rest/1/code/' },
      fetch: async (input, init) => {
        // Each request takes half a second, as at Bitrix24's 2 requests a second.
        await clock.sleep(500);
        return fetchScript(input, init);
      },
      clock,
      limiter: new LeakyBucketLimiter({ burst: 1000, drainPerSecond: 1000 }, clock),
      budget: new OperatingBudget(480, clock),
      onRetry: (notice) => notices.push(notice),
    });
    // 1,000 calls of 1 s against 480 s per 10 minutes: at least two resets' worth of waiting.
    const histories = await taskHistories(
      client,
      Array.from({ length: 1000 }, (_, index) => index + 1),
    );
    expect(histories.size).toBe(1000);
    expect(served).toEqual({ calls: 1000, refused: 0 });
    expect(notices.filter((notice) => notice.error.kind === 'operation-limit')).toEqual([]);
    // The budget allows 480 calls per basket lifetime: the 1,000th call can run in the third ten minutes.
    expect(clock.now() - started).toBeLessThan(21 * 60_000);
  });
});
