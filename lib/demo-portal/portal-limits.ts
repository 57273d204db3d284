/**
 * The portal's side of Bitrix24's limits (docs/bitrix24.md, "Calling Bitrix24" and "Limits and pacing"): a leaky bucket per caller and
 * address (burst 50, drain 2/s by default), and each method's execution time kept in one-minute
 * baskets, each counted for ten minutes from its first call, refused with OPERATION_TIME_LIMIT
 * while the sum is past the budget.
 */
export type LimitSettings = { burst: number; drainPerSecond: number; operatingBudgetSeconds: number };

export const defaultLimits: LimitSettings = { burst: 50, drainPerSecond: 2, operatingBudgetSeconds: 480 };

/** How long a basket counts: from the first call in its minute (b24restdocs `settings/performance/limits.md`). */
const basketLifeMs = 10 * 60_000;

export class PortalLimits {
  private readonly buckets = new Map<string, { level: number; at: number }>();
  private readonly operating = new Map<string, { minute: number; firstAt: number; seconds: number }[]>();
  /** Requests refused with QUERY_LIMIT_EXCEEDED so far, for tests of clients that must never draw one. */
  refused = 0;
  /** Seconds each method (lower case) has spent in all, for benchmarks that weigh its time budget. */
  readonly spent = new Map<string, number>();

  constructor(public settings: LimitSettings = { ...defaultLimits }) {}

  /** Counts a request; false when the bucket is over its burst (the caller answers 503). */
  admit(key: string, now: number): boolean {
    const bucket = this.buckets.get(key) ?? { level: 0, at: now };
    bucket.level = Math.max(0, bucket.level - ((now - bucket.at) / 1000) * this.settings.drainPerSecond);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.level + 1 > this.settings.burst) {
      this.refused += 1;
      return false;
    }
    bucket.level += 1;
    return true;
  }

  /** The method's baskets still counted at `now`: a basket drops ten minutes after its first call. */
  private window(key: string, now: number) {
    const minute = Math.floor(now / 60_000);
    const recent = (this.operating.get(key) ?? []).filter((bucket) => bucket.firstAt + basketLifeMs > now);
    this.operating.set(key, recent);
    return { minute, recent };
  }

  /** Seconds the method used in the last ten minutes, and when the oldest basket drops out (unix seconds). */
  usage(caller: string, method: string, now: number): { operating: number; resetAt: number } {
    const { recent } = this.window(`${caller}|${method.toLowerCase()}`, now);
    const operating = recent.reduce((sum, bucket) => sum + bucket.seconds, 0);
    return { operating, resetAt: Math.ceil(((recent[0]?.firstAt ?? now) + basketLifeMs) / 1000) };
  }

  exhausted(caller: string, method: string, now: number): boolean {
    return this.usage(caller, method, now).operating > this.settings.operatingBudgetSeconds;
  }

  spend(caller: string, method: string, seconds: number, now: number): void {
    const { minute, recent } = this.window(`${caller}|${method.toLowerCase()}`, now);
    const last = recent.at(-1);
    this.spent.set(method.toLowerCase(), (this.spent.get(method.toLowerCase()) ?? 0) + seconds);
    if (last?.minute === minute) last.seconds += seconds;
    else recent.push({ minute, firstAt: now, seconds });
  }
}
