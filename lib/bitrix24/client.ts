import { z } from 'zod';
import { outboundFetch, outboundRefusalOf } from '@/lib/http/outbound-guard';
import { Bitrix24Error, portalError, refusedByGuard, unreachable } from './errors';
import { encodePhpQuery } from './php-query';
import { LeakyBucketLimiter, OperatingBudget, realClock, type Clock, type RequestLimiter } from './rate-limiter';

/**
 * A thin typed client for Bitrix24 REST v2 (why not the official SDK: docs/bitrix24-client.md).
 * One `call` does it all: authentication (webhook URL, or OAuth token with refresh on
 * `expired_token`), the per-portal rate limiter and per-method time budget, retries with backoff
 * and jitter for limits, 5xx and network failures, and typed errors for everything else.
 */
export type OAuthTokens = { accessToken: string; refreshToken: string };

/** Where OAuth tokens live; `refresh` gets and stores a new pair (Bitrix24 replaces the refresh token every time). */
export type OAuthTokenStore = {
  current: () => Promise<OAuthTokens>;
  refresh: (stale: OAuthTokens) => Promise<OAuthTokens>;
};

export type Bitrix24Connection =
  /** An incoming webhook: https://<portal>/rest/<user>/<code>/ */
  | { kind: 'webhook'; url: string }
  /** An OAuth application: the portal's REST endpoint (client_endpoint) and its tokens. */
  | { kind: 'oauth'; endpoint: string; tokens: OAuthTokenStore };

const timeSchema = z
  .object({
    start: z.number().optional(),
    finish: z.number().optional(),
    duration: z.number().optional(),
    processing: z.number().optional(),
    date_start: z.string().optional(),
    date_finish: z.string().optional(),
    operating_reset_at: z.number().optional(),
    operating: z.number().optional(),
  })
  .passthrough();

const envelopeSchema = z.object({
  result: z.unknown(),
  total: z.coerce.number().optional(),
  next: z.coerce.number().optional(),
  time: timeSchema.optional(),
});

export type CallResult<T> = { result: T; total?: number; next?: number; time?: z.infer<typeof timeSchema> };

export type RetryNotice = { method: string; attempt: number; waitMs: number; error: Bitrix24Error };

export type Bitrix24ClientOptions = {
  connection: Bitrix24Connection;
  /** Share one per portal: every caller of the portal must go through the same bucket. */
  limiter?: RequestLimiter;
  budget?: OperatingBudget;
  clock?: Clock;
  /** The outbound guard's fetch unless given: a portal's address is typed by an admin or named by a token answer. */
  fetch?: typeof fetch;
  /** Tries per call for rate limits; other retryable failures get `maxRetries`. */
  maxRateLimitRetries?: number;
  maxRetries?: number;
  requestTimeoutMs?: number;
  onRetry?: (notice: RetryNotice) => void;
  /** Sent as User-Agent, as the REST docs ask. */
  userAgent?: string;
  random?: () => number;
};

type Params = Record<string, unknown>;

export class Bitrix24Client {
  readonly limiter: RequestLimiter;
  readonly budget: OperatingBudget;
  private readonly clock: Clock;
  private readonly fetchImpl: typeof fetch;
  private refreshing: Promise<OAuthTokens> | undefined;

  constructor(private readonly options: Bitrix24ClientOptions) {
    this.clock = options.clock ?? realClock;
    this.limiter = options.limiter ?? new LeakyBucketLimiter(undefined, this.clock);
    this.budget = options.budget ?? new OperatingBudget(undefined, this.clock);
    this.fetchImpl = options.fetch ?? outboundFetch();
  }

  private endpoint(method: string): string {
    const { connection } = this.options;
    const base = connection.kind === 'webhook' ? connection.url : connection.endpoint;
    return `${base.endsWith('/') ? base : `${base}/`}${method}.json`;
  }

  private backoff(attempt: number, baseMs: number): number {
    const random = this.options.random ?? Math.random;
    return Math.round(baseMs * 1.5 ** attempt * (0.75 + random() * 0.5));
  }

  /** One HTTP exchange, no retries. */
  private async send(method: string, params: Params, token: string | undefined): Promise<CallResult<unknown>> {
    const url = this.endpoint(method);
    const body = token === undefined ? params : { ...params, auth: token };
    let response: Response;
    try {
      response = await this.fetchImpl(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          'user-agent': this.options.userAgent ?? 'Flowpilot',
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.requestTimeoutMs ?? 60_000),
      });
    } catch (error) {
      const refusal = outboundRefusalOf(error);
      throw refusal ? refusedByGuard(method, refusal) : unreachable(method, url, error);
    }
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      if (response.status >= 500) throw portalError(method, response.status, { error: 'ERROR_UNEXPECTED_ANSWER' });
      throw new Bitrix24Error(
        'unexpected-answer',
        `The portal answered ${method} with something that is not JSON (HTTP ${response.status}). Is this a Bitrix24 REST address?`,
        {
          method,
          httpStatus: response.status,
        },
      );
    }
    // A body with `error` is a failure whatever the status (docs/bitrix24.md, "Errors any method may answer").
    if (json && typeof json === 'object' && 'error' in json) {
      const error = json as { error?: unknown; error_description?: unknown; time?: { operating_reset_at?: number } };
      const resetAt = error.time?.operating_reset_at;
      throw portalError(method, response.status, error, resetAt ? resetAt * 1000 - this.clock.now() : undefined);
    }
    const envelope = envelopeSchema.safeParse(json);
    if (!envelope.success || !response.ok) {
      throw new Bitrix24Error(
        'unexpected-answer',
        `The portal's answer to ${method} is not a REST envelope (HTTP ${response.status}).`,
        { method, httpStatus: response.status },
      );
    }
    return envelope.data;
  }

  private async refreshTokens(stale: OAuthTokens, store: OAuthTokenStore): Promise<OAuthTokens> {
    // Concurrent calls that hit an expired token share one refresh.
    this.refreshing ??= store.refresh(stale).finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  /** Calls a method; the result is validated with `schema` when given. */
  async call<T = unknown>(method: string, params: Params = {}, schema?: z.ZodType<T>): Promise<CallResult<T>> {
    const { connection } = this.options;
    let rateLimitAttempts = 0;
    let otherAttempts = 0;
    let operatingAttempts = 0;
    let refreshed = false;
    const started = this.clock.now();
    for (;;) {
      const delay = this.budget.delayFor(method);
      if (delay > 0) await this.clock.sleep(delay);
      await this.limiter.acquire();
      const tokens = connection.kind === 'oauth' ? await connection.tokens.current() : undefined;
      try {
        const answer = await this.send(method, params, tokens?.accessToken);
        await this.limiter.accepted();
        this.budget.record(method, answer.time);
        if (!schema) return answer as CallResult<T>;
        const parsed = schema.safeParse(answer.result);
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          throw new Bitrix24Error(
            'unexpected-answer',
            `The portal's answer to ${method} has an unexpected shape (${issue?.path.join('.')}: ${issue?.message}).`,
            { method },
          );
        }
        return { ...answer, result: parsed.data };
      } catch (error) {
        if (!(error instanceof Bitrix24Error)) throw error;
        let waitMs: number;
        if (error.kind === 'token-expired' && connection.kind === 'oauth' && tokens && !refreshed) {
          refreshed = true;
          // Another call may have refreshed while this one was in flight: then the stored pair is
          // already new, and refreshing again would spend a refresh token Bitrix24 has replaced.
          if ((await connection.tokens.current()).accessToken === tokens.accessToken)
            await this.refreshTokens(tokens, connection.tokens);
          continue;
        } else if (error.kind === 'rate-limited' && rateLimitAttempts < (this.options.maxRateLimitRetries ?? 8)) {
          await this.limiter.refused();
          waitMs = this.backoff(rateLimitAttempts++, 1_000);
        } else if (
          error.kind === 'operation-limit' &&
          (this.options.maxRetries ?? 3) > 0 &&
          this.clock.now() - started < operatingWaitLimitMs
        ) {
          // Held until the budget frees (up to Bitrix24's 10-minute window), not for a few short tries.
          operatingAttempts++;
          waitMs = this.budget.exhausted(
            method,
            error.details.retryAfterMs === undefined ? undefined : this.clock.now() + error.details.retryAfterMs,
          );
        } else if (
          (error.kind === 'server-error' || error.kind === 'unreachable') &&
          otherAttempts < (this.options.maxRetries ?? 3)
        ) {
          waitMs = this.backoff(otherAttempts++, 500);
        } else {
          throw error;
        }
        this.options.onRetry?.({
          method,
          attempt: rateLimitAttempts + otherAttempts + operatingAttempts,
          waitMs,
          error,
        });
        await this.clock.sleep(waitMs);
      }
    }
  }

  /**
   * Up to 50 calls in one request (counted once by the rate limit). Sub-call failures come back
   * per key; the request itself only fails as a whole for transport or auth problems.
   */
  async batch(
    commands: Record<string, { method: string; params?: Params }>,
    options: { halt?: boolean } = {},
  ): Promise<BatchResult> {
    const keys = Object.keys(commands);
    if (keys.length > 50) throw new Error(`A Bitrix24 batch takes at most 50 calls; got ${keys.length}.`);
    const merged: BatchResult = { results: {}, errors: {}, totals: {}, nexts: {} };
    let pending = keys;
    /** When each sub-call was first refused for its method's time budget. */
    const refusedSince = new Map<string, number>();
    for (let round = 0, failures = 0; pending.length > 0; round++) {
      const sending = await this.sendableNow(pending, commands, options.halt ?? false);
      const cmd = Object.fromEntries(
        sending.map((key) => [key, `${commands[key]!.method}?${encodePhpQuery(commands[key]!.params ?? {})}`]),
      );
      const { result } = await this.call('batch', { halt: options.halt ? 1 : 0, cmd }, batchResultSchema);
      Object.assign(merged.results, result.result);
      Object.assign(merged.totals, result.result_total);
      Object.assign(merged.nexts, result.result_next);
      for (const [key, time] of Object.entries(result.result_time ?? {})) {
        const method = commands[key]?.method;
        const figures = subCallTimeSchema.safeParse(time);
        if (method && figures.success) this.budget.record(method, figures.data);
      }
      const retry: string[] = [];
      for (const key of sending) {
        const raw = result.result_error[key];
        if (raw === undefined) {
          delete merged.errors[key];
          continue;
        }
        const error = portalError(commands[key]?.method ?? key, 400, raw);
        merged.errors[key] = error;
        if (error.kind === 'operation-limit' && !refusedSince.has(key)) refusedSince.set(key, this.clock.now());
        if (this.retrySubCall(error, failures, refusedSince.get(key))) retry.push(key);
      }
      for (const key of retry) {
        const { method } = commands[key]!;
        // Held until the reset its method last reported (result_time or a single answer), else one bucket.
        if (merged.errors[key]!.kind === 'operation-limit') this.budget.exhausted(method);
        this.options.onRetry?.({
          method,
          attempt: round + 1,
          waitMs: this.budget.delayFor(method),
          error: merged.errors[key]!,
        });
      }
      if (retry.some((key) => merged.errors[key]!.kind !== 'operation-limit'))
        await this.clock.sleep(this.backoff(failures++, 500));
      // Sub-calls held back for their method's budget go in a later request, as do those to retry.
      pending = pending.filter((key) => retry.includes(key) || !sending.includes(key));
    }
    return merged;
  }

  /**
   * The pending sub-calls to send now: as many of each method as its time budget will run, so
   * none is refused; when none will, after waiting for the first method whose budget frees. A
   * `halt` batch stays whole (its calls may depend on each other) and waits for every method.
   */
  private async sendableNow(
    pending: string[],
    commands: Record<string, { method: string; params?: Params }>,
    halt: boolean,
  ): Promise<string[]> {
    const methods = [...new Set(pending.map((key) => commands[key]!.method.toLowerCase()))];
    if (halt) {
      const delay = Math.max(0, ...methods.map((method) => this.budget.delayFor(method)));
      if (delay > 0) await this.clock.sleep(delay);
      return pending;
    }
    for (;;) {
      const room = new Map(methods.map((method) => [method, this.budget.callsThatRun(method)]));
      const sending = pending.filter((key) => {
        const method = commands[key]!.method.toLowerCase();
        const left = room.get(method)!;
        room.set(method, left - 1);
        return left > 0;
      });
      if (sending.length > 0) return sending;
      await this.clock.sleep(Math.min(...methods.map((method) => this.budget.delayFor(method))));
    }
  }

  /**
   * Whether a failed sub-call of a batch is worth sending again: a method over its time budget
   * (the budget frees up within Bitrix24's 10-minute window, so keep trying for 12 minutes from
   * its first refusal), or a server hiccup (as many times as a whole call would be retried).
   */
  private retrySubCall(error: Bitrix24Error, failures: number, refusedSince: number | undefined): boolean {
    if (error.kind === 'operation-limit') return this.clock.now() - (refusedSince ?? 0) < operatingWaitLimitMs;
    return (
      (error.kind === 'server-error' || error.kind === 'rate-limited') && failures < (this.options.maxRetries ?? 3)
    );
  }

  /**
   * Every row of a list method by the fast cursor (docs/bitrix24.md, "Answers as Bitrix24 documents them"): `start = -1` (no counting),
   * ascending id, and the next page from the last id seen. Yields one page (≤ 50 rows) at a time.
   */
  async *listByCursor<T>(method: string, options: CursorListOptions<T>): AsyncGenerator<T[]> {
    let lastId = options.afterId ?? 0;
    for (;;) {
      const { result } = await this.call(method, options.params(lastId));
      const rows = z.array(options.row).parse(options.rows ? options.rows(result) : result);
      if (rows.length > 0) yield rows;
      if (rows.length < 50) return;
      lastId = options.idOf(rows[rows.length - 1]!);
    }
  }

  /** Every row of a list method by offset pages (`start` / `next`), for small lists and where the cursor does not apply. */
  async *listByOffset<T>(
    method: string,
    params: Params,
    row: z.ZodType<T>,
    rows?: (result: unknown) => unknown,
  ): AsyncGenerator<T[]> {
    let start: number | undefined = 0;
    while (start !== undefined) {
      const answer: CallResult<unknown> = await this.call(method, { ...params, start });
      const page = z.array(row).parse(rows ? rows(answer.result) : answer.result);
      if (page.length > 0) yield page;
      start = answer.next;
    }
  }
}

export type CursorListOptions<T> = {
  /** The call's params for the page after `lastId` (filter `>ID`, ascending order, start -1). */
  params: (lastId: number) => Params;
  row: z.ZodType<T>;
  idOf: (row: T) => number;
  /** Where the rows are in the result (tasks: `result.tasks`). */
  rows?: (result: unknown) => unknown;
  afterId?: number;
};

// PHP serializes empty maps as [] (docs/bitrix24.md, "Answers as Bitrix24 documents them").
const phpMap = <T extends z.ZodType>(value: T) =>
  z.union([z.record(z.string(), value), z.array(z.never()).transform(() => ({}) as Record<string, z.infer<T>>)]);

/** How long a call or batch keeps waiting for a method's time budget: Bitrix24's 10-minute window, and some. */
const operatingWaitLimitMs = 12 * 60_000;

/** A batch sub-call's figures in `result_time` (b24restdocs `settings/how-to-call-rest-api/batch.md`). */
const subCallTimeSchema = z.object({
  operating: z.number().optional(),
  operating_reset_at: z.number().optional(),
  finish: z.number().optional(),
});

const batchResultSchema = z.object({
  result: phpMap(z.unknown()),
  result_error: phpMap(z.object({ error: z.unknown(), error_description: z.unknown() }).passthrough()),
  result_total: phpMap(z.coerce.number()),
  result_next: phpMap(z.coerce.number()),
  result_time: phpMap(z.unknown()).optional(),
});

export type BatchResult = {
  results: Record<string, unknown>;
  errors: Record<string, Bitrix24Error>;
  totals: Record<string, number>;
  nexts: Record<string, number>;
};
