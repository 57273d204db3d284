import { describe, expect, it } from 'vitest';
import { LeakyBucketLimiter, OperatingBudget, type Clock } from './rate-limiter';

function fakeClock(): Clock & { advance: (ms: number) => void; slept: number } {
  let now = 0;
  const clock = {
    slept: 0,
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
    sleep: async (ms: number) => {
      clock.slept += ms;
      now += ms;
    },
  };
  return clock;
}

/** The portal's bucket, replayed from the times requests were let through. */
function portalLevels(times: number[], drain: number): number[] {
  let level = 0;
  let last = 0;
  return times.map((time) => {
    level = Math.max(0, level - ((time - last) / 1000) * drain) + 1;
    last = time;
    return level;
  });
}

describe('LeakyBucketLimiter', () => {
  it('lets a burst through at once, then paces at the drain rate, never overflowing the portal bucket', async () => {
    const clock = fakeClock();
    const limiter = new LeakyBucketLimiter({ burst: 50, drainPerSecond: 2 }, clock);
    const times: number[] = [];
    for (let i = 0; i < 200; i++) {
      await limiter.acquire();
      times.push(clock.now());
    }
    expect(times.slice(0, 45).every((t) => t === 0)).toBe(true);
    expect(Math.max(...portalLevels(times, 2))).toBeLessThanOrEqual(50);
    // 155 calls beyond the first 45 at 2/s take about 77.5 s.
    expect(clock.now()).toBeGreaterThan(76_500);
    expect(clock.now()).toBeLessThan(78_500);
  });

  it('shrinks its estimate when the portal refuses, and grows back with successes', async () => {
    const clock = fakeClock();
    const limiter = new LeakyBucketLimiter({ burst: 50, drainPerSecond: 2 }, clock);
    for (let i = 0; i < 12; i++) await limiter.acquire();
    limiter.refused();
    const after = limiter.estimate;
    expect(after.burst).toBe(9);
    expect(after.drainPerSecond).toBe(1.6);
    // The other calls of the same burst are refused at once; they do not shrink it again.
    limiter.refused();
    limiter.refused();
    expect(limiter.estimate.burst).toBe(9);
    expect(limiter.estimate.drainPerSecond).toBe(1.6);
    for (let i = 0; i < 2000; i++) limiter.accepted();
    expect(limiter.estimate.burst).toBe(50);
    expect(limiter.estimate.drainPerSecond).toBe(2);
  });
});

describe('OperatingBudget', () => {
  it('adds no delay below 80 % of the budget, a growing one above it, and holds a method after a 429', () => {
    const clock = fakeClock();
    const budget = new OperatingBudget(480, clock);
    budget.record('tasks.task.list', { operating: 300, operating_reset_at: 600 });
    expect(budget.delayFor('tasks.task.list')).toBe(0);
    budget.record('tasks.task.list', { operating: 432, operating_reset_at: 600 });
    expect(budget.delayFor('TASKS.TASK.LIST')).toBe(3_500);
    expect(budget.delayFor('user.get')).toBe(0);
    expect(budget.exhausted('user.get', 25_000)).toBe(25_000);
    expect(budget.delayFor('user.get')).toBe(25_000);
    // No reset known for the method: one minute bucket. A known future reset: until then.
    expect(budget.exhausted('server.time')).toBe(60_000);
    expect(budget.exhausted('tasks.task.list')).toBe(600_000 - clock.now());
  });
});
