import { Bitrix24Client } from '../client';
import { LeakyBucketLimiter, OperatingBudget, type Clock } from '../rate-limiter';

/** A clock that only moves when someone sleeps, so waits are measured, not spent. */
export function sleepingClock(start = 1_000_000): Clock & { slept: number[] } {
  let now = start;
  const slept: number[] = [];
  return { slept, now: () => now, sleep: async (ms) => void (slept.push(ms), (now += ms)) };
}

/** A webhook client on a scripted `fetch` and that clock, with a limiter that never holds it up. */
export function scriptedClient(fetchScript: typeof fetch, clock: Clock): Bitrix24Client {
  return new Bitrix24Client({
    connection: { kind: 'webhook', url: 'https://portal.test/rest/1/code/' },
    fetch: fetchScript,
    clock,
    limiter: new LeakyBucketLimiter({ burst: 1000, drainPerSecond: 1000 }, clock),
    budget: new OperatingBudget(480, clock),
    random: () => 0.5,
  });
}
