import { generateText } from 'ai';
import { languageModelFor } from './model-registry';
import { modelErrorFrom, type FailureDetails, type ModelErrorCode } from './model-errors';
import type { ProviderConfig } from './provider-config';

/** What the admin's browser is told: the reply, or the error in codes (its wording, which may quote the provider, stays on the server). */
export type ConnectionTest =
  | { ok: true; reply: string; ms: number }
  | ({ ok: false; code: ModelErrorCode } & Omit<FailureDetails, 'retryAfterMs'>);

/** One small real call to the provider (a one-word answer), so an admin learns before saving whether it works, or exactly why not. */
export async function testProvider(
  config: ProviderConfig,
  secret: string | null,
  options: { timeoutMs?: number; rootCertificateFile?: string | null } = {},
): Promise<ConnectionTest> {
  if (config.kind === 'builtin') return { ok: true, reply: 'built-in', ms: 0 };
  const started = performance.now();
  try {
    const result = await generateText({
      model: languageModelFor(config, secret, options.rootCertificateFile),
      prompt: 'Answer with one word: OK',
      maxOutputTokens: 16,
      maxRetries: 0,
      abortSignal: AbortSignal.timeout(options.timeoutMs ?? 20_000),
    });
    // A provider may echo what it was sent; the key must not reach the browser even then.
    const reply = secret ? result.text.replaceAll(secret, '•••') : result.text;
    return { ok: true, reply: reply.trim().slice(0, 100), ms: Math.round(performance.now() - started) };
  } catch (error) {
    const failure = modelErrorFrom(error);
    const { retryAfterMs: _retryAfterMs, ...details } = failure.details;
    return { ok: false, code: failure.code, ...details };
  }
}
