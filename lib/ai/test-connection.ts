import { generateText } from 'ai';
import { languageModelFor } from './model-registry';
import { modelErrorFrom, type ModelErrorCode } from './model-errors';
import type { ProviderConfig } from './provider-config';

export type ConnectionTest = { ok: true; reply: string; ms: number } | { ok: false; code: ModelErrorCode; message: string };

/** One small real call to the provider (a one-word answer), so an admin learns before saving whether it works, or exactly why not. */
export async function testProvider(config: ProviderConfig, secret: string | null, timeoutMs = 20_000): Promise<ConnectionTest> {
  if (config.kind === 'builtin') return { ok: true, reply: 'built-in', ms: 0 };
  const started = performance.now();
  try {
    const result = await generateText({
      model: languageModelFor(config, secret),
      prompt: 'Answer with one word: OK',
      maxOutputTokens: 16,
      maxRetries: 0,
      abortSignal: AbortSignal.timeout(timeoutMs),
    });
    // A provider may echo what it was sent; the key must not reach the browser even then.
    const reply = secret ? result.text.replaceAll(secret, '•••') : result.text;
    return { ok: true, reply: reply.trim().slice(0, 100), ms: Math.round(performance.now() - started) };
  } catch (error) {
    const failure = modelErrorFrom(error);
    return { ok: false, code: failure.code, message: failure.message };
  }
}
