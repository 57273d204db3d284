/**
 * Client side of Bitrix24's leaky bucket (docs/bitrix24.md, "Calling Bitrix24"): every request adds 1, the bucket
 * drains `drainPerSecond`, and the portal refuses requests above `burst`. We count our own
 * requests the same way and wait before one would overflow, keeping a margin (`bucketMargin`).
 * When the portal still refuses (another client shares the bucket, or its limits are tighter than
 * the preset) we treat the bucket as full and lower our estimate of its size, then creep back up
 * as calls succeed.
 */
export type RateLimitPreset = { burst: number; drainPerSecond: number };

/**
 * Places left free in the portal's bucket. Requests let go in turn can reach the portal bunched
 * (a busy network or process, clocks that disagree); at 2 per second, 5 places absorb 2.5 s of that.
 */
export const bucketMargin = 5;

export const rateLimitPresets = {
  standard: { burst: 50, drainPerSecond: 2 },
  enterprise: { burst: 250, drainPerSecond: 5 },
} satisfies Record<string, RateLimitPreset>;

export type Clock = { now: () => number; sleep: (ms: number) => Promise<void> };
export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * What the client asks of a limiter: a turn before each request, and what the portal answered.
 * LeakyBucketLimiter keeps the bucket in the process; lib/portals/shared-rate-limit.ts keeps it in
 * PostgreSQL, so that every instance of the app counts into one bucket per portal.
 */
export type RequestLimiter = {
  acquire(): Promise<void>;
  refused(): void | Promise<void>;
  accepted(): void | Promise<void>;
};

export class LeakyBucketLimiter implements RequestLimiter {
  private level = 0;
  private updatedAt: number;
  private capacity: number;
  private drain: number;
  private queue: Promise<void> = Promise.resolve();
  private lastAdaptedAt = -Infinity;

  constructor(
    private readonly preset: RateLimitPreset = rateLimitPresets.standard,
    private readonly clock: Clock = realClock,
    private readonly margin = bucketMargin,
  ) {
    this.capacity = preset.burst;
    this.drain = preset.drainPerSecond;
    this.updatedAt = clock.now();
  }

  private settle(): void {
    const now = this.clock.now();
    this.level = Math.max(0, this.level - ((now - this.updatedAt) / 1000) * this.drain);
    this.updatedAt = now;
  }

  /** Waits until one more request fits, then counts it. Calls are served in order. */
  acquire(): Promise<void> {
    const turn = this.queue.then(async () => {
      for (;;) {
        this.settle();
        const room = Math.max(1, this.capacity - this.margin);
        if (this.level + 1 <= room) break;
        await this.clock.sleep(Math.ceil(((this.level + 1 - room) / this.drain) * 1000));
      }
      this.level += 1;
    });
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /**
   * The portal said "too many requests": assume a full bucket, and a smaller and slower one than
   * we thought. Calls already in flight are refused together; they adapt the estimate once.
   */
  refused(): void {
    this.settle();
    const now = this.clock.now();
    if (now - this.lastAdaptedAt > 2_000) {
      this.lastAdaptedAt = now;
      this.capacity = Math.max(this.margin + 1, Math.floor(Math.min(this.capacity, this.level) * 0.8));
      this.drain = Math.max(0.5, this.drain * 0.8);
    }
    this.level = this.capacity;
  }

  /** A call went through: move the estimate back toward the preset. */
  accepted(): void {
    this.capacity = Math.min(this.preset.burst, this.capacity + 0.05);
    this.drain = Math.min(this.preset.drainPerSecond, this.drain * 1.01);
  }

  get estimate(): RateLimitPreset & { level: number } {
    this.settle();
    return { burst: this.capacity, drainPerSecond: this.drain, level: this.level };
  }
}

/**
 * Bitrix24's per-method time budget (docs/bitrix24.md, "Limits and pacing"): a method's execution
 * time is kept in one-minute baskets, each counted for ten minutes from its first call, and a call
 * is refused (OPERATION_TIME_LIMIT) while their sum is over the budget. Each answer, and each batch
 * sub-call in `result_time`, reports the sum (`operating`) and when the oldest basket drops
 * (`operating_reset_at`). From these figures the budget keeps its own picture of the method's
 * baskets: what each call costs, how many more calls will run now, and, when none will, the moment
 * the baskets still counted fit again. Calls are held until then instead of being refused; slowing
 * down earlier would only lengthen the work, as a basket frees exactly what was spent in its
 * minute. The refusal itself carries no timings ("for the first retry, refer to
 * operating_reset_at from the last successful response; if the error persists, wait for the next
 * bucket reset", b24restdocs `settings/performance/limits.md`), so a refused method is held until
 * the reset the last answer named, or else for one basket.
 */
/** Bitrix24 counts a method's time in minute baskets; one drops out every minute at most. */
const basketMs = 60_000;
/** How long a basket counts, from the first call in its minute. */
const basketLifeMs = 10 * basketMs;

type Basket = { minute: number; seenAt: number; seconds: number };
type MethodUsage = {
  /** The method's baskets as the figures show them, oldest first; they add up to the last `operating`. */
  baskets: Basket[];
  /** When the oldest basket drops, as the portal last named it (ms). */
  resetAt: number;
  /** The portal's time of the last figures taken (ms): figures of an earlier call arriving later are stale. */
  reportedAt: number;
  /** The last rises between figures: what one call cost, or more when another process spent too. */
  rises: number[];
  blockedUntil: number;
};

export class OperatingBudget {
  private readonly methods = new Map<string, MethodUsage>();

  constructor(
    private readonly budgetSeconds = 480,
    private readonly clock: Clock = realClock,
  ) {}

  private usageOf(method: string): MethodUsage {
    const key = method.toLowerCase();
    let usage = this.methods.get(key);
    if (!usage) {
      usage = { baskets: [], resetAt: 0, reportedAt: -Infinity, rises: [], blockedUntil: 0 };
      this.methods.set(key, usage);
    }
    return usage;
  }

  /** When a basket stops counting: the named reset for the oldest, else ten minutes after the call that showed it (no earlier than its first call's). */
  private resetOf(usage: MethodUsage, basket: Basket): number {
    return basket.minute === Math.floor((usage.resetAt - basketLifeMs) / basketMs)
      ? usage.resetAt
      : basket.seenAt + basketLifeMs;
  }

  /** Seconds of the method's baskets still counted at `at`. */
  private usedAt(usage: MethodUsage, at: number): number {
    return usage.baskets.reduce((sum, basket) => (this.resetOf(usage, basket) > at ? sum + basket.seconds : sum), 0);
  }

  record(method: string, time: { operating?: number; operating_reset_at?: number; finish?: number } | undefined): void {
    if (time?.operating === undefined) return;
    const usage = this.usageOf(method);
    const at = time.finish === undefined ? this.clock.now() : time.finish * 1000;
    if (at < usage.reportedAt) return;
    const first = usage.reportedAt === -Infinity;
    usage.reportedAt = at;
    if (time.operating_reset_at !== undefined) {
      usage.resetAt = time.operating_reset_at * 1000;
      // Baskets older than the one whose reset the portal names are no longer counted.
      const oldest = Math.floor((usage.resetAt - basketLifeMs) / basketMs);
      usage.baskets = usage.baskets.filter((basket) => basket.minute >= oldest);
    }
    const rise = time.operating - usage.baskets.reduce((sum, basket) => sum + basket.seconds, 0);
    if (rise > 0 && first && usage.resetAt > 0) {
      // What was spent before this process looked: put in the oldest basket, which drops first. If
      // it was spread wider, a refusal says so and the method waits for the next reset.
      usage.baskets = [
        {
          minute: Math.floor((usage.resetAt - basketLifeMs) / basketMs),
          seenAt: usage.resetAt - basketLifeMs,
          seconds: rise,
        },
      ];
    } else if (rise > 0) {
      const minute = Math.floor(at / basketMs);
      const last = usage.baskets.at(-1);
      if (last?.minute === minute) last.seconds += rise;
      else usage.baskets.push({ minute, seenAt: at, seconds: rise });
      // Rises after the first figure are the calls made between figures.
      if (!first) usage.rises = [...usage.rises.slice(-19), rise];
    } else {
      // The portal counts less than the picture: its oldest baskets dropped sooner than thought.
      let excess = -rise;
      for (const basket of usage.baskets) {
        const taken = Math.min(basket.seconds, excess);
        basket.seconds -= taken;
        excess -= taken;
      }
      usage.baskets = usage.baskets.filter((basket) => basket.seconds > 0);
    }
  }

  /** Seconds of the method's budget counted now, as the figures show them. */
  usedSeconds(method: string): number {
    return this.usedAt(this.usageOf(method), this.clock.now());
  }

  /** After a refusal: hold the method until the given or last reported reset, else for one basket (at least 10 s). */
  exhausted(method: string, resetAtMs?: number): number {
    const usage = this.usageOf(method);
    const now = this.clock.now();
    const reset = resetAtMs ?? (usage.resetAt > now ? usage.resetAt : now + basketMs);
    usage.blockedUntil = Math.max(now + 10_000, reset);
    return usage.blockedUntil - now;
  }

  /** How long to wait before the method's next call will run: a refusal's hold, or until enough baskets drop to bring it within the budget. */
  delayFor(method: string): number {
    const usage = this.usageOf(method);
    const now = this.clock.now();
    if (usage.blockedUntil > now) return usage.blockedUntil - now;
    if (this.usedAt(usage, now) <= this.budgetSeconds) return 0;
    const resets = usage.baskets.map((basket) => this.resetOf(usage, basket)).filter((reset) => reset > now);
    const fits = resets.sort((a, b) => a - b).find((reset) => this.usedAt(usage, reset) <= this.budgetSeconds);
    return (fits ?? now + basketMs) - now;
  }

  /**
   * How many calls of the method will run now: Bitrix24 runs a call while the sum is within the
   * budget, so those that fit and the one that crosses it. Unbounded until the cost of a call is known.
   */
  callsThatRun(method: string): number {
    if (this.delayFor(method) > 0) return 0;
    const usage = this.usageOf(method);
    // The lower median of the recent rises: a call's cost, unmoved by another process's spending.
    const perCall = [...usage.rises].sort((a, b) => a - b)[Math.floor((usage.rises.length - 1) / 2)];
    if (perCall === undefined) return Infinity;
    return Math.floor((this.budgetSeconds - this.usedAt(usage, this.clock.now())) / perCall) + 1;
  }
}
