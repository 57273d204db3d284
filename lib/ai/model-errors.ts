import { APICallError } from 'ai';

/**
 * Every way a model call fails, as the few things a person can act on (reference ai-providers
 * §8): the key or scope is wrong, the usage limit is used up, the provider limits the rate, the
 * model refused, its answer could not be read, or the provider failed.
 */
export const modelErrorCodes = ['auth_failed', 'quota_exceeded', 'rate_limited', 'content_refused', 'bad_output', 'provider_error', 'not_available'] as const;
export type ModelErrorCode = (typeof modelErrorCodes)[number];

export class ModelError extends Error {
  constructor(
    readonly code: ModelErrorCode,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'ModelError';
  }
}

/** The provider's failure in our terms; its details stay in the message for the server's log. */
export function modelErrorFrom(error: unknown): ModelError {
  if (error instanceof ModelError) return error;
  if (APICallError.isInstance(error)) {
    const status = error.statusCode ?? 0;
    const body = error.responseBody ?? '';
    const retryAfter = Number(error.responseHeaders?.['retry-after']);
    const detail = `${status} from ${new URL(error.url).host}`;
    if (status === 401 || status === 403) return new ModelError('auth_failed', `The provider refused the key (${detail}).`);
    if (status === 402 || /RESOURCE_EXHAUSTED|quota|insufficient_quota/i.test(body)) return new ModelError('quota_exceeded', `The provider's usage limit is used up (${detail}).`);
    if (status === 429) return new ModelError('rate_limited', `The provider limits the request rate (${detail}).`, Number.isFinite(retryAfter) ? retryAfter * 1000 : undefined);
    if (/CONTENT_FILTER|blacklist/i.test(body)) return new ModelError('content_refused', `The model declined to answer (${detail}).`);
    return new ModelError('provider_error', `The provider failed (${detail}).`);
  }
  if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')) return new ModelError('provider_error', 'The provider did not answer in time.');
  return new ModelError('provider_error', `The provider could not be reached (${error instanceof Error ? error.message : String(error)}).`);
}
