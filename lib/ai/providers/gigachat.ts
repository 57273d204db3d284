import { createHash, randomUUID } from 'node:crypto';
import { rootCertificates } from 'node:tls';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { LanguageModel } from 'ai';
import type { Agent } from 'undici';
import { z } from 'zod';
import { outboundAgent, outboundFetch } from '@/lib/http/outbound-guard';
import type { ProviderConfig } from '../provider-config';
import { TokenCache } from './token-cache';

type GigaChatConfig = Extract<ProviderConfig, { kind: 'gigachat' }>;

const tokenSchema = z.object({ access_token: z.string().min(1), expires_at: z.number() });
/** A token lives 30 minutes; a new one is asked for a minute before. */
const tokens = new TokenCache(60_000);
/** Personal keys may run one request at a time (docs/copilot.md, "Models"): calls per key wait in line. */
const queues = new Map<string, Promise<unknown>>();

const agents = new Map<string, Agent>();
/**
 * A connection pool that trusts Node's own roots plus the given one (a custom `ca` alone would
 * replace them, and a proxy with a public certificate in front of GigaChat would then fail),
 * behind the same outbound guard as every other provider. One per certificate, kept, so
 * connections are reused across calls.
 */
function agentTrusting(rootCertificate: string): Agent {
  const id = createHash('sha256').update(rootCertificate).digest('hex');
  let agent = agents.get(id);
  if (!agent) agents.set(id, (agent = outboundAgent({ ca: [...rootCertificates, rootCertificate] })));
  return agent;
}

/**
 * GigaChat (docs/copilot.md, "Models"): an OAuth client-credentials token, cached per key and scope and
 * fetched again on a 401; the deployment's root certificate for Sber's chain; the OpenAI-shaped
 * chat endpoint with GigaChat's own response_format; one call at a time for personal keys.
 */
export function gigaChatModel(
  config: GigaChatConfig,
  authorizationKey: string,
  rootCertificate?: string,
): LanguageModel {
  const send = outboundFetch(rootCertificate ? agentTrusting(rootCertificate) : undefined);
  const cacheKey = createHash('sha256').update(`${config.authURL}\0${config.scope}\0${authorizationKey}`).digest('hex');

  async function token(fresh: boolean): Promise<string> {
    const kept = fresh ? null : tokens.valid(cacheKey);
    if (kept) return kept;
    const response = await send(config.authURL, {
      method: 'POST',
      headers: {
        Authorization: `Basic ${authorizationKey}`,
        RqUID: randomUUID(),
        'Content-Type': 'application/x-www-form-urlencoded',
        Accept: 'application/json',
      },
      body: new URLSearchParams({ scope: config.scope }).toString(),
    });
    if (!response.ok) {
      // Same shape as a failed chat call, so the error mapping names it (401/400 code 7: the key or scope).
      throw Object.assign(new Error(`GigaChat token: HTTP ${response.status}`), {
        status: response.status,
        body: await response.text(),
      });
    }
    // Parsed quietly: a parser's error would quote the answer, and the answer may carry the key.
    const issued = tokenSchema.safeParse(await response.json().catch(() => null));
    if (!issued.success)
      throw Object.assign(new Error('GigaChat token: the answer is not a token'), { status: 502, body: '' });
    return tokens.keep(cacheKey, issued.data.access_token, issued.data.expires_at);
  }

  const authorised: typeof fetch = async (input, init) => {
    const call = async (bearer: string) => {
      const headers = new Headers(init?.headers);
      headers.set('Authorization', `Bearer ${bearer}`);
      return send(input, { ...init, headers });
    };
    let bearer: string;
    try {
      bearer = await token(false);
    } catch (error) {
      return tokenFailure(error);
    }
    const response = await call(bearer);
    if (response.status !== 401) return response;
    try {
      return await call(await token(true));
    } catch (error) {
      return tokenFailure(error);
    }
  };

  const inLine: typeof fetch = (input, init) => {
    if (config.scope !== 'GIGACHAT_API_PERS') return authorised(input, init);
    const previous = queues.get(cacheKey) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => authorised(input, init));
    queues.set(cacheKey, next);
    return next;
  };

  return createOpenAICompatible({
    name: 'gigachat',
    baseURL: config.baseURL,
    fetch: inLine,
    supportsStructuredOutputs: config.structuredOutput,
    includeUsage: true,
    transformRequestBody: (body) => gigaChatBody(body, config.structuredOutput),
  }).chatModel(config.model);
}

/** A failed token request answered as the chat call's response, so the AI SDK reports its status. */
function tokenFailure(error: unknown): Response {
  const { status, body } = error as { status?: number; body?: string };
  if (typeof status !== 'number') throw error;
  return new Response(body ?? '', {
    status: status === 400 ? 401 : status,
    headers: { 'content-type': 'application/json' },
  });
}

/**
 * GigaChat's request body: its response_format takes the schema at the top level; json_object
 * (what the AI SDK sends without a schema) is not listed, so it is dropped and the prompt asks
 * for JSON; stream options it does not document are left out.
 */
export function gigaChatBody(body: Record<string, unknown>, structured: boolean): Record<string, unknown> {
  const {
    response_format: format,
    stream_options: _streamOptions,
    ...rest
  } = body as { response_format?: { type?: string; json_schema?: { schema?: unknown } }; stream_options?: unknown };
  if (structured && format?.type === 'json_schema' && format.json_schema?.schema) {
    return { ...rest, response_format: { type: 'json_schema', schema: format.json_schema.schema, strict: true } };
  }
  return rest;
}
