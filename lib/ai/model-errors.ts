import { APICallError } from 'ai';
import { outboundRefusalOf, refusalSentence, type RefusedRangeKind } from '@/lib/http/outbound-guard';

/**
 * Every way a model call fails, as the few things a person can act on (docs/copilot.md, "Models"): the key or scope is wrong, the usage limit is used up, the provider limits the rate, the
 * model refused, its answer could not be read, or the provider failed.
 */
export const modelErrorCodes = [
  'auth_failed',
  'quota_exceeded',
  'rate_limited',
  'content_refused',
  'bad_output',
  'provider_error',
  'not_available',
] as const;
export type ModelErrorCode = (typeof modelErrorCodes)[number];

/**
 * What exactly went wrong, for the admin's Test result: the HTTP status and host, or why no answer
 * came; for an address the outbound guard refused, its range, and for a redirect, where it pointed.
 */
export const failureReasons = [
  'http_status',
  'timeout',
  'unreachable',
  'untrusted_certificate',
  'refused_address',
  'redirect',
] as const;
export type FailureReason = (typeof failureReasons)[number];
export type FailureDetails = {
  reason?: FailureReason;
  status?: number;
  host?: string;
  range?: string;
  rangeKind?: RefusedRangeKind;
  location?: string;
  retryAfterMs?: number;
};

export class ModelError extends Error {
  constructor(
    readonly code: ModelErrorCode,
    message: string,
    readonly details: FailureDetails = {},
  ) {
    super(message);
    this.name = 'ModelError';
  }
}

/** TLS failures that mean "this server's certificate chain ends in a root Node does not trust". */
const untrustedCertificateCodes = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'CERT_UNTRUSTED',
]);

/** The error codes along an error's cause chain (fetch hides the socket's error under `cause`). */
function causeCodes(error: unknown): string[] {
  const codes: string[] = [];
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) {
    const code = (current as NodeJS.ErrnoException).code;
    if (code) codes.push(code);
  }
  return codes;
}

/** The provider's failure in our terms; its details stay in the message for the server's log. */
export function modelErrorFrom(error: unknown): ModelError {
  if (error instanceof ModelError) return error;
  const refusal = outboundRefusalOf(error);
  if (refusal?.kind === 'address') {
    return new ModelError('provider_error', refusalSentence(refusal), {
      reason: 'refused_address',
      host: refusal.host,
      range: refusal.range,
      rangeKind: refusal.rangeKind,
    });
  }
  if (refusal?.kind === 'redirect')
    return new ModelError('provider_error', refusalSentence(refusal), {
      reason: 'redirect',
      host: refusal.host,
      location: refusal.location,
    });
  const codes = causeCodes(APICallError.isInstance(error) ? error.cause : error);
  if (codes.some((code) => untrustedCertificateCodes.has(code))) {
    return new ModelError(
      'provider_error',
      `The provider's TLS certificate is not trusted (${codes.join(', ')}): supply its root certificate.`,
      { reason: 'untrusted_certificate' },
    );
  }
  // A 2xx whose body the SDK could not read is an unreadable answer, not an HTTP failure.
  if (APICallError.isInstance(error) && error.statusCode !== undefined && error.statusCode < 300) {
    return new ModelError('bad_output', `The provider's answer could not be read (${error.message}).`);
  }
  if (APICallError.isInstance(error) && error.statusCode !== undefined) {
    const status = error.statusCode;
    const body = error.responseBody ?? '';
    const retryAfter = Number(error.responseHeaders?.['retry-after']);
    const host = new URL(error.url).host;
    const details = { reason: 'http_status', status, host } as const;
    const detail = `${status} from ${host}`;
    if (status === 401 || status === 403)
      return new ModelError('auth_failed', `The provider refused the key (${detail}).`, details);
    if (status === 402 || /RESOURCE_EXHAUSTED|quota|insufficient_quota/i.test(body))
      return new ModelError('quota_exceeded', `The provider's usage limit is used up (${detail}).`, details);
    if (status === 429)
      return new ModelError('rate_limited', `The provider limits the request rate (${detail}).`, {
        ...details,
        retryAfterMs: Number.isFinite(retryAfter) ? retryAfter * 1000 : undefined,
      });
    if (/CONTENT_FILTER|blacklist/i.test(body))
      return new ModelError('content_refused', `The model declined to answer (${detail}).`, details);
    return new ModelError('provider_error', `The provider failed (${detail}).`, details);
  }
  const timedOut = (candidate: unknown) =>
    candidate instanceof Error && (candidate.name === 'AbortError' || candidate.name === 'TimeoutError');
  if (timedOut(error) || (APICallError.isInstance(error) && timedOut(error.cause)))
    return new ModelError('provider_error', 'The provider did not answer in time.', { reason: 'timeout' });
  const host = APICallError.isInstance(error) ? new URL(error.url).host : undefined;
  return new ModelError(
    'provider_error',
    `The provider could not be reached (${[error instanceof Error ? error.message : String(error), ...codes].join(', ')}).`,
    { reason: 'unreachable', host },
  );
}
