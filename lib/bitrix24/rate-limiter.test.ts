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
  it('lets calls run while the method is within its budget, counts how many more will, and holds it past the budget until enough baskets drop', () => {
    const clock = fakeClock();
    clock.advance(1_000_000);
    const budget = new OperatingBudget(480, clock);
    const method = 'tasks.task.history.list';
    // Minute 16: the first figures; the portal names the basket's reset ten minutes on.
    budget.record(method, { operating: 100, operating_reset_at: 1_600, finish: 1_000 });
    expect(budget.callsThatRun(method)).toBe(Infinity);
    budget.record(method, { operating: 102, operating_reset_at: 1_600, finish: 1_001 });
    // 2 s a call, 378 s left: 189 fit and one more crosses the line.
    expect(budget.callsThatRun('TASKS.TASK.HISTORY.LIST')).toBe(190);
    expect(budget.delayFor(method)).toBe(0);
    // A minute later another 380 s: 482 of 480 are counted.
    clock.advance(60_000);
    budget.record(method, { operating: 482, operating_reset_at: 1_600, finish: 1_060 });
    expect(budget.usedSeconds(method)).toBe(482);
    expect(budget.callsThatRun(method)).toBe(0);
    // Held until the first basket (102 s) drops at the reset the portal named.
    expect(budget.delayFor(method)).toBe(1_600_000 - clock.now());
    clock.advance(budget.delayFor(method));
    expect(budget.usedSeconds(method)).toBe(380);
    expect(budget.callsThatRun(method)).toBe(51);
    // Figures of an earlier call that arrive late change nothing.
    budget.record(method, { operating: 10, operating_reset_at: 1_600, finish: 1_030 });
    expect(budget.usedSeconds(method)).toBe(380);
    expect(budget.delayFor('user.get')).toBe(0);
  });

  it('holds a method after a 429 until the reset given or last reported, else for one basket', () => {
    const clock = fakeClock();
    const budget = new OperatingBudget(480, clock);
    budget.record('tasks.task.list', { operating: 300, operating_reset_at: 600 });
    expect(budget.exhausted('user.get', 25_000)).toBe(25_000);
    expect(budget.delayFor('user.get')).toBe(25_000);
    expect(budget.callsThatRun('user.get')).toBe(0);
    expect(budget.exhausted('server.time')).toBe(60_000);
    expect(budget.exhausted('tasks.task.list')).toBe(600_000 - clock.now());
  });
});
