/**
 * The portal's side of Bitrix24's limits (docs/bitrix24.md, "Calling Bitrix24" and "Limits and pacing"): a leaky bucket per caller and
 * address (burst 50, drain 2/s by default), and each method's execution time kept in ten
 * one-minute buckets, refused with OPERATION_TIME_LIMIT past the budget.
 */
export type LimitSettings = { burst: number; drainPerSecond: number; operatingBudgetSeconds: number };

export const defaultLimits: LimitSettings = { burst: 50, drainPerSecond: 2, operatingBudgetSeconds: 480 };

export class PortalLimits {
  private readonly buckets = new Map<string, { level: number; at: number }>();
  private readonly operating = new Map<string, { minute: number; seconds: number }[]>();
  /** Requests refused with QUERY_LIMIT_EXCEEDED so far, for tests of clients that must never draw one. */
  refused = 0;

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

  private window(key: string, now: number) {
    const minute = Math.floor(now / 60_000);
    const recent = (this.operating.get(key) ?? []).filter((bucket) => bucket.minute > minute - 10);
    this.operating.set(key, recent);
    return { minute, recent };
  }

  /** Seconds the method used in the last ten minutes, and when the oldest minute drops out (unix seconds). */
  usage(caller: string, method: string, now: number): { operating: number; resetAt: number } {
    const { minute, recent } = this.window(`${caller}|${method.toLowerCase()}`, now);
    const operating = recent.reduce((sum, bucket) => sum + bucket.seconds, 0);
    const oldest = recent[0]?.minute ?? minute;
    return { operating, resetAt: (oldest + 10) * 60 };
  }

  exhausted(caller: string, method: string, now: number): boolean {
    return this.usage(caller, method, now).operating > this.settings.operatingBudgetSeconds;
  }

  spend(caller: string, method: string, seconds: number, now: number): void {
    const { minute, recent } = this.window(`${caller}|${method.toLowerCase()}`, now);
    const last = recent.at(-1);
    if (last?.minute === minute) last.seconds += seconds;
    else recent.push({ minute, seconds });
  }
}
