/**
 * Client side of Bitrix24's leaky bucket (docs/bitrix24.md, "Calling Bitrix24"): every request adds 1, the bucket
 * drains `drainPerSecond`, and the portal refuses requests above `burst`. We count our own
 * requests the same way and wait before one would overflow, keeping a margin (`bucketMargin`). When the portal still refuses (another client shares the bucket, or its limits
 * are tighter than the preset) we treat the bucket as full and lower our estimate of its size,
 * then creep back up as calls succeed.
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
 * Bitrix24's per-method time budget (docs/bitrix24.md, "Limits and pacing"): each answer, and each batch sub-call in
 * `result_time`, reports how many seconds of the last 10 minutes the method used and when the
 * oldest minute bucket drops out (`operating_reset_at`). Above 80 % of the budget we slow that
 * method down. OPERATION_TIME_LIMIT itself carries no timings (b24restdocs
 * `settings/performance/limits.md`: "for the first retry, refer to operating_reset_at from the
 * last successful response; if the error persists, wait for the next bucket reset"), so the
 * method is held until the reset the last answer named, or else for one minute bucket.
 */
/** Bitrix24 counts a method's time in minute buckets; one drops out every minute at most. */
const bucketMs = 60_000;

export class OperatingBudget {
  private readonly usage = new Map<string, { operating: number; resetAt: number }>();
  private readonly blockedUntil = new Map<string, number>();

  constructor(
    private readonly budgetSeconds = 480,
    private readonly clock: Clock = realClock,
  ) {}

  record(method: string, time: { operating?: number; operating_reset_at?: number } | undefined): void {
    if (time?.operating === undefined) return;
    this.usage.set(method.toLowerCase(), { operating: time.operating, resetAt: (time.operating_reset_at ?? 0) * 1000 });
  }

  /** After a 429: hold the method until the given or last reported reset, else for one bucket (at least 10 s). */
  exhausted(method: string, resetAtMs?: number): number {
    const known = this.usage.get(method.toLowerCase())?.resetAt ?? 0;
    const reset = resetAtMs ?? (known > this.clock.now() ? known : this.clock.now() + bucketMs);
    const until = Math.max(this.clock.now() + 10_000, reset);
    this.blockedUntil.set(method.toLowerCase(), until);
    return until - this.clock.now();
  }

  /** How long to wait before calling the method: the block, or a delay that grows past 80 % of the budget (at most 7 s). */
  delayFor(method: string): number {
    const key = method.toLowerCase();
    const blocked = (this.blockedUntil.get(key) ?? 0) - this.clock.now();
    if (blocked > 0) return blocked;
    const usage = this.usage.get(key);
    if (!usage || usage.resetAt < this.clock.now()) return 0;
    const share = usage.operating / this.budgetSeconds;
    return share <= 0.8 ? 0 : Math.min(7_000, Math.round(((share - 0.8) / 0.2) * 7_000));
  }
}
