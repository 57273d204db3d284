import { z } from 'zod';
import {
  bucketMargin,
  rateLimitPresets,
  realClock,
  type Clock,
  type RateLimitPreset,
  type RequestLimiter,
} from '@/lib/bitrix24/rate-limiter';
import type { PrismaClient } from '@/lib/db/client';

const turnSchema = z.object({ waitMs: z.number(), capacity: z.number(), drain: z.number() });

/**
 * Bitrix24's leaky bucket of a portal (docs/bitrix24.md, "Calling Bitrix24"), counted in
 * PostgreSQL so that every instance of the app shares it (docs/bitrix24.md, "Limits and pacing"):
 * each request takes a turn in one statement on the portal's row, which locks it, and the
 * database's clock drains it, so instances on different machines agree. As the in-process
 * LeakyBucketLimiter does, it keeps a margin, takes a refusal as a full bucket and lowers the
 * estimate (once for the calls refused together), and creeps back to the preset as calls succeed.
 * The per-method time budget needs no sharing: each answer carries the portal's own count for the
 * method, whichever instance made the calls (lib/bitrix24/rate-limiter.ts, OperatingBudget).
 */
export class SharedLeakyBucket implements RequestLimiter {
  private queue: Promise<void> = Promise.resolve();
  private created = false;
  /** The estimate the last turn read: while it is the preset, a success writes nothing. */
  private seen: RateLimitPreset;

  constructor(
    private readonly db: PrismaClient,
    private readonly portalId: string,
    private readonly preset: RateLimitPreset = rateLimitPresets.standard,
    private readonly clock: Clock = realClock,
    private readonly margin = bucketMargin,
  ) {
    this.seen = { burst: preset.burst, drainPerSecond: preset.drainPerSecond };
  }

  /** Waits until one more request fits the shared bucket, then counts it. This instance's calls go in order. */
  acquire(): Promise<void> {
    const turn = this.queue.then(async () => {
      await this.ensureRow();
      for (;;) {
        const waitMs = await this.take();
        if (waitMs <= 0) return;
        await this.clock.sleep(waitMs);
      }
    });
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async ensureRow(): Promise<void> {
    if (this.created) return;
    await this.db.$executeRaw`
      INSERT INTO portal_rate_bucket ("portalId", level, "updatedAt", capacity, drain)
      VALUES (${this.portalId}::uuid, 0, clock_timestamp(), ${this.preset.burst}, ${this.preset.drainPerSecond})
      ON CONFLICT ("portalId") DO NOTHING`;
    this.created = true;
  }

  /** One turn: counts the request and answers 0, or answers how long until it would fit. */
  private async take(): Promise<number> {
    const rows = await this.db.$queryRaw<unknown[]>`
      WITH bucket AS (
        SELECT capacity, drain, greatest(1, capacity - ${this.margin}) AS room, clock_timestamp() AS at,
          greatest(0, level - extract(epoch FROM clock_timestamp() - "updatedAt") * drain) AS settled
        FROM portal_rate_bucket WHERE "portalId" = ${this.portalId}::uuid FOR UPDATE
      ), counted AS (
        UPDATE portal_rate_bucket p
        SET level = CASE WHEN b.settled + 1 <= b.room THEN b.settled + 1 ELSE b.settled END, "updatedAt" = b.at
        FROM bucket b WHERE p."portalId" = ${this.portalId}::uuid
        RETURNING 1
      )
      SELECT (CASE WHEN settled + 1 <= room THEN 0 ELSE ceil((settled + 1 - room) / drain * 1000) END)::float8 AS "waitMs",
        capacity::float8 AS capacity, drain::float8 AS drain
      FROM bucket, (SELECT count(*) FROM counted) AS done`;
    const turn = turnSchema.parse(rows[0]);
    this.seen = { burst: turn.capacity, drainPerSecond: turn.drain };
    return turn.waitMs;
  }

  /**
   * The portal said "too many requests": the bucket is full, and smaller and slower than thought.
   * Calls refused together (within 2 s, by any instance) lower the estimate once.
   */
  async refused(): Promise<void> {
    await this.db.$executeRaw`
      WITH bucket AS (
        SELECT capacity, drain, "adaptedAt", clock_timestamp() AS at,
          ("adaptedAt" IS NULL OR clock_timestamp() - "adaptedAt" > interval '2 seconds') AS adapt,
          greatest(0, level - extract(epoch FROM clock_timestamp() - "updatedAt") * drain) AS settled
        FROM portal_rate_bucket WHERE "portalId" = ${this.portalId}::uuid FOR UPDATE
      ), estimate AS (
        SELECT at,
          CASE WHEN adapt THEN greatest(${this.margin + 1}, floor(least(capacity, settled) * 0.8)) ELSE capacity END AS capacity,
          CASE WHEN adapt THEN greatest(0.5, drain * 0.8) ELSE drain END AS drain,
          CASE WHEN adapt THEN at ELSE "adaptedAt" END AS "adaptedAt"
        FROM bucket
      )
      -- Full at its new size.
      UPDATE portal_rate_bucket p
      SET capacity = e.capacity, drain = e.drain, level = e.capacity, "adaptedAt" = e."adaptedAt", "updatedAt" = e.at
      FROM estimate e WHERE p."portalId" = ${this.portalId}::uuid`;
  }

  /** A call went through: move a lowered estimate back toward the preset (nothing to write while it is the preset). */
  async accepted(): Promise<void> {
    if (this.seen.burst >= this.preset.burst && this.seen.drainPerSecond >= this.preset.drainPerSecond) return;
    await this.db.$executeRaw`
      UPDATE portal_rate_bucket SET
        capacity = least(${this.preset.burst}, capacity + 0.05),
        drain = least(${this.preset.drainPerSecond}, drain * 1.01)
      WHERE "portalId" = ${this.portalId}::uuid`;
  }
}
