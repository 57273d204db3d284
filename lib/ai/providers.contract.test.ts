import { constants, generateKeyPairSync, verify } from 'node:crypto';
import dns, { type LookupAddress } from 'node:dns';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AnalysisRequest, ModelEvent } from './analyst-model';
import { gigaChatRootCertificate, readDeploymentCa } from './deployment-ca';
import { ModelError } from './model-errors';
import { analystModelFor } from './model-registry';
import { providerConfigSchema, type ProviderConfig } from './provider-config';
import { testProvider } from './test-connection';
import { chatCompletion } from './testing/chat-completion';
import {
  startStubServer,
  testCertificatePath,
  type SeenRequest,
  type StubReply,
  type StubServer,
} from './testing/stub-server';
import { rejectionOf } from '@/lib/testing/rejection';

/*
 * Each provider against a local server that answers as the provider's API does (docs/copilot.md, "Models"): the exact request (path, headers, body, the token flow) is asserted,
 * and 401, 429, 5xx, timeouts and answers that are not the expected JSON are each handled.
 */

/** Other files in the certificates' folder: one that is missing, one that is not a certificate. */
const besideCertificates = (name: string) => path.join(path.dirname(testCertificatePath('ca.pem')), name);

const servers: StubServer[] = [];
afterEach(() => servers.splice(0).forEach((server) => server.close()));

async function stub(
  reply: (seen: SeenRequest, index: number) => StubReply,
  options: { tls?: boolean } = {},
): Promise<StubServer> {
  const server = await startStubServer(reply, options);
  servers.push(server);
  return server;
}

const request: AnalysisRequest = {
  locale: 'en',
  efficiency: 42,
  flow: {
    distributionType: 'queue',
    plannedCompletionTime: 259_200,
    taskControl: false,
    matchWorkTime: true,
    templated: false,
  },
  findings: [
    {
      id: 'f1',
      kind: 'overloaded-assignee',
      tone: 'problem',
      severity: 'high',
      lostPoints: 30,
      unit: 'day',
      people: ['user_1'],
      taskIds: [501],
      figures: { openTasks: 14, overdueTasks: 9, teamMedianOpen: 3, overloadedPeople: 1, lateTasks: 12 },
    },
  ],
};

const answer = {
  messages: [
    {
      findingIds: ['f1'],
      factor: 'user_1 holds 14 open tasks against a median of 3.',
      advice: 'Hand part of them to teammates.',
    },
  ],
};

async function run(config: unknown, secret: string | null): Promise<ModelEvent[]> {
  const events: ModelEvent[] = [];
  for await (const event of analystModelFor(providerConfigSchema.parse(config) as ProviderConfig, secret).phrase(
    request,
  ))
    events.push(event);
  return events;
}

describe('OpenAI-compatible (OpenAI, Ollama, vLLM, LM Studio)', () => {
  it('posts the findings as fenced data to /chat/completions with the key, and reads the messages and token use', async () => {
    const server = await stub(() => ({ body: chatCompletion(JSON.stringify(answer)) }));
    const events = await run(
      { kind: 'openai_compatible', baseURL: `${server.url}/v1`, model: 'llama3.1', supportsJsonSchema: true },
      'sk-test',
    );
    expect(events).toEqual([
      { type: 'usage', promptTokens: 120, completionTokens: 40 },
      { type: 'message', message: answer.messages[0] },
    ]);
    const [call] = server.seen;
    expect(call).toMatchObject({ method: 'POST', path: '/v1/chat/completions' });
    expect(call!.headers.authorization).toBe('Bearer sk-test');
    const body = JSON.parse(call!.body);
    expect(body).toMatchObject({ model: 'llama3.1', temperature: 0.2, response_format: { type: 'json_schema' } });
    expect(body.messages[0]).toMatchObject({ role: 'system' });
    expect(body.messages[1].content).toMatch(/^<findings>\n\{"flow".*"user_1".*\}\n<\/findings>$/su);
    expect(call!.body).not.toMatch(/title|description/i);
  });

  it('asks for JSON in words only when the server enforces no schema (LM Studio rejects json_object), and sends no key when none is set', async () => {
    const server = await stub(() => ({
      body: chatCompletion('Here you are:\n```json\n' + JSON.stringify(answer) + '\n```'),
    }));
    const events = await run({ kind: 'openai_compatible', baseURL: `${server.url}/v1`, model: 'qwen' }, null);
    expect(events.filter((event) => event.type === 'message')).toHaveLength(1);
    expect(server.seen[0]!.headers.authorization).toBeUndefined();
    expect(JSON.parse(server.seen[0]!.body).response_format).toBeUndefined();
  });

  it('repairs once an answer that is not the JSON asked for, then gives up as bad_output', async () => {
    const repaired = await stub((_seen, index) => ({
      body: chatCompletion(index === 0 ? 'I think the team is overloaded.' : JSON.stringify(answer)),
    }));
    expect(
      (await run({ kind: 'openai_compatible', baseURL: repaired.url, model: 'm' }, null)).filter(
        (event) => event.type === 'message',
      ),
    ).toHaveLength(1);
    expect(repaired.seen).toHaveLength(2);
    expect(JSON.parse(repaired.seen[1]!.body).messages[1].content).toContain('Your previous answer could not be used');

    const hopeless = await stub(() => ({ body: chatCompletion('{"messages": "none"}') }));
    const error = await rejectionOf(run({ kind: 'openai_compatible', baseURL: hopeless.url, model: 'm' }, null));
    expect(error).toBeInstanceOf(ModelError);
    expect(error).toMatchObject({ code: 'bad_output' });
    expect(hopeless.seen).toHaveLength(2);
  });

  it.each([
    [401, {}, 'auth_failed'],
    [403, {}, 'auth_failed'],
    [402, {}, 'quota_exceeded'],
    [429, { 'retry-after': '7' }, 'rate_limited'],
    [500, {}, 'provider_error'],
    [503, {}, 'provider_error'],
  ] as const)('maps HTTP %i (headers %o) to %s without retrying', async (status, headers, code) => {
    const server = await stub(() => ({ status, headers, body: { error: { message: 'nope' } } }));
    const error = await rejectionOf(run({ kind: 'openai_compatible', baseURL: server.url, model: 'm' }, 'k'));
    expect(error).toMatchObject({ code });
    if (status === 429)
      expect(error).toMatchObject({ details: { retryAfterMs: 7000, status: 429, reason: 'http_status' } });
    expect(server.seen).toHaveLength(1);
  });

  it('gives up on a provider that does not answer in time', async () => {
    const server = await stub(() => ({ body: chatCompletion(JSON.stringify(answer)), delayMs: 2_000 }));
    const events: ModelEvent[] = [];
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const model = analystModelFor(
      providerConfigSchema.parse({ kind: 'openai_compatible', baseURL: server.url, model: 'm' }),
      null,
    );
    const error = await rejectionOf(
      (async () => {
        for await (const event of model.phrase(request, controller.signal)) events.push(event);
      })(),
    );
    expect(error).toMatchObject({ code: 'provider_error' });
    expect(events).toEqual([]);
  });
});

describe('YandexGPT', () => {
  it('sends the folder as the OpenAI project, the model as its URI, the key as a bearer token, and asks Yandex not to log', async () => {
    const server = await stub(() => ({ body: chatCompletion(JSON.stringify(answer)) }));
    await run({ kind: 'yandexgpt', folderId: 'b1gfolder', baseURL: `${server.url}/v1` }, 'AQVN-key');
    const [call] = server.seen;
    expect(call!.path).toBe('/v1/chat/completions');
    expect(call!.headers).toMatchObject({
      authorization: 'Bearer AQVN-key',
      'openai-project': 'b1gfolder',
      'x-data-logging-enabled': 'false',
    });
    expect(call!.headers['x-folder-id']).toBeUndefined();
    expect(JSON.parse(call!.body)).toMatchObject({
      model: 'gpt://b1gfolder/yandexgpt/latest',
      response_format: { type: 'json_schema' },
    });
  });

  it('maps RESOURCE_EXHAUSTED to the usage limit', async () => {
    const server = await stub(() => ({ status: 429, body: { error: { message: 'RESOURCE_EXHAUSTED: quota' } } }));
    const error = await rejectionOf(
      run({ kind: 'yandexgpt', folderId: 'b1g', baseURL: `${server.url}/v1` }, 'AQVN-key'),
    );
    expect(error).toMatchObject({ code: 'quota_exceeded' });
  });
});

describe('YandexGPT native API, for an IAM token (docs/copilot.md, "Models")', () => {
  /** The native answer: wrapped in `result`, token counts as strings. */
  const native = (text: string, status = 'ALTERNATIVE_STATUS_FINAL') => ({
    result: {
      alternatives: [{ message: { role: 'assistant', text }, status }],
      usage: { inputTextTokens: '210', completionTokens: '45', totalTokens: '255' },
      modelVersion: '07.03.2024',
    },
  });
  const iam = (url: string) => ({
    kind: 'yandexgpt',
    folderId: 'b1gfolder',
    baseURL: `${url}/v1`,
    auth: 'iam_token',
    model: 'yandexgpt-lite',
  });

  it('sends the IAM token as a bearer with the folder in x-folder-id, the model URI, the JSON schema, and asks Yandex not to log', async () => {
    const server = await stub(() => ({ body: native(JSON.stringify(answer)) }));
    const events = await run(iam(server.url), 't1.iam-token');
    const [call] = server.seen;
    expect(call!.path).toBe('/foundationModels/v1/completion');
    expect(call!.headers).toMatchObject({
      authorization: 'Bearer t1.iam-token',
      'x-folder-id': 'b1gfolder',
      'x-data-logging-enabled': 'false',
    });
    const body = JSON.parse(call!.body);
    expect(body).toMatchObject({
      modelUri: 'gpt://b1gfolder/yandexgpt-lite',
      completionOptions: { stream: false, temperature: 0.2 },
    });
    expect(body.completionOptions.maxTokens).toMatch(/^\d+$/);
    expect(body.jsonSchema.schema).toMatchObject({ type: 'object', properties: { messages: { type: 'array' } } });
    expect(body.messages.map((message: { role: string }) => message.role)).toEqual(['system', 'user']);
    expect(body.messages[1].text).toContain('<findings>');
    expect(events).toContainEqual({ type: 'usage', promptTokens: 210, completionTokens: 45 });
    expect(events.filter((event) => event.type === 'message')).toHaveLength(1);
  });

  it('maps 401, 429, 5xx and a content filter, and repairs an unreadable answer once', async () => {
    for (const [status, code] of [
      [401, 'auth_failed'],
      [429, 'rate_limited'],
      [503, 'provider_error'],
    ] as const) {
      const server = await stub(() => ({
        status,
        body: { error: { grpcCode: 16, httpCode: status, message: 'no', httpStatus: 'x' } },
      }));
      expect(await rejectionOf(run(iam(server.url), 't1'))).toMatchObject({ code });
    }
    const filtered = await stub(() => ({ body: native('', 'ALTERNATIVE_STATUS_CONTENT_FILTER') }));
    expect(await rejectionOf(run(iam(filtered.url), 't1'))).toMatchObject({ code: 'content_refused' });
    const garbled = await stub((_, index) => ({
      body: index === 0 ? { result: 'not a completion' } : native(JSON.stringify(answer)),
    }));
    expect(await rejectionOf(run(iam(garbled.url), 't1'))).toMatchObject({ code: 'bad_output' });
    const repaired = await stub((_, index) => ({
      body: native(index === 0 ? 'Sure! Here it is' : JSON.stringify(answer)),
    }));
    expect((await run(iam(repaired.url), 't1')).filter((event) => event.type === 'message')).toHaveLength(1);
    expect(repaired.seen).toHaveLength(2);
  });

  it("makes IAM tokens from a service account's authorized key: a PS256 JWT exchanged once, then reused", async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const authorizedKey = JSON.stringify({
      id: 'ajekey',
      service_account_id: 'ajeaccount',
      created_at: '2026-11-01T00:00:00Z',
      key_algorithm: 'RSA_2048',
      private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }),
    });
    const server = await stub((seen) =>
      seen.path === '/iam/v1/tokens'
        ? { body: { iamToken: 't1.from-jwt', expiresAt: new Date(Date.now() + 12 * 3_600_000).toISOString() } }
        : { body: native(JSON.stringify(answer)) },
    );
    const config = { ...iam(server.url), auth: 'service_account_key', iamURL: `${server.url}/iam/v1/tokens` };
    await run(config, authorizedKey);
    await run(config, authorizedKey);
    const exchanges = server.seen.filter((seen) => seen.path === '/iam/v1/tokens');
    expect(exchanges).toHaveLength(1);
    const { jwt } = JSON.parse(exchanges[0]!.body) as { jwt: string };
    const [header, payload, signature] = jwt.split('.');
    expect(JSON.parse(Buffer.from(header!, 'base64url').toString())).toEqual({
      typ: 'JWT',
      alg: 'PS256',
      kid: 'ajekey',
    });
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    expect(claims).toMatchObject({ iss: 'ajeaccount', aud: `${server.url}/iam/v1/tokens` });
    expect(claims.exp - claims.iat).toBe(3600);
    const signed = verify(
      'sha256',
      Buffer.from(`${header}.${payload}`),
      { key: publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST },
      Buffer.from(signature!, 'base64url'),
    );
    expect(signed).toBe(true);
    const completions = server.seen.filter((seen) => seen.path === '/foundationModels/v1/completion');
    expect(completions.map((seen) => seen.headers.authorization)).toEqual(['Bearer t1.from-jwt', 'Bearer t1.from-jwt']);
  });

  it('says which part is wrong when the key is not an authorized key or IAM refuses it, without quoting it', async () => {
    const server = await stub((seen) =>
      seen.path === '/iam/v1/tokens' ? { status: 401, body: { message: 'refused' } } : { body: native('OK') },
    );
    const config = { ...iam(server.url), auth: 'service_account_key', iamURL: `${server.url}/iam/v1/tokens` };
    const notJson = await rejectionOf(run(config, 'AQVN-looks-like-an-api-key'));
    expect(notJson).toMatchObject({ code: 'auth_failed' });
    expect(String((notJson as Error).message)).not.toContain('AQVN');
    expect(server.seen).toEqual([]);
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const refused = await rejectionOf(
      run(
        config,
        JSON.stringify({
          id: 'k',
          service_account_id: 'a',
          private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }),
        }),
      ),
    );
    expect(refused).toMatchObject({ code: 'auth_failed', details: { status: 401 } });
    expect(server.seen.map((seen) => seen.path)).toEqual(['/iam/v1/tokens']);
  });

  it('answers the Test call', async () => {
    const server = await stub(() => ({ body: native('OK') }));
    expect(await testProvider(providerConfigSchema.parse(iam(server.url)), 't1')).toMatchObject({
      ok: true,
      reply: 'OK',
    });
    expect(server.seen[0]!.path).toBe('/foundationModels/v1/completion');
  });
});

describe('BitrixGPT (Vibecode AI router)', () => {
  it('sends the Vibecode key as X-Api-Key, no bearer, and asks for the JSON mode Bitrix24 uses', async () => {
    const server = await stub(() => ({ body: chatCompletion(JSON.stringify(answer)) }));
    await run({ kind: 'bitrixgpt', baseURL: `${server.url}/v1` }, 'vibe_api_123');
    const [call] = server.seen;
    expect(call!.headers['x-api-key']).toBe('vibe_api_123');
    expect(call!.headers.authorization).toBeUndefined();
    expect(JSON.parse(call!.body)).toMatchObject({
      model: 'bitrix/bitrixgpt-5.5',
      response_format: { type: 'json_object' },
    });
  });

  it('is not available without its key, and is never replaced by another model', () => {
    expect(() => analystModelFor(providerConfigSchema.parse({ kind: 'bitrixgpt' }), null)).toThrow(
      expect.objectContaining({ code: 'not_available' }),
    );
  });
});

describe('GigaChat', () => {
  function gigaChat(
    chat: (seen: SeenRequest, index: number) => StubReply,
    token: (index: number) => StubReply = () => ({
      body: { access_token: 'tok-1', expires_at: Date.now() + 30 * 60_000 },
    }),
  ) {
    let tokens = 0;
    let chats = 0;
    return stub((seen) => (seen.path === '/api/v2/oauth' ? token(tokens++) : chat(seen, chats++)));
  }
  const config = (url: string, extra: object = {}) => ({
    kind: 'gigachat',
    baseURL: `${url}/api/v1`,
    authURL: `${url}/api/v2/oauth`,
    scope: 'GIGACHAT_API_B2B',
    ...extra,
  });

  it('gets a token with the authorization key, a fresh RqUID and the scope, then calls the chat with it; the token is reused', async () => {
    const server = await gigaChat(() => ({ body: chatCompletion(JSON.stringify(answer)) }));
    await run(config(server.url), 'QmFzZTY0S2V5');
    await run(config(server.url), 'QmFzZTY0S2V5');
    const auth = server.seen.filter((seen) => seen.path === '/api/v2/oauth');
    expect(auth).toHaveLength(1);
    expect(auth[0]!.headers).toMatchObject({
      authorization: 'Basic QmFzZTY0S2V5',
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
    });
    expect(auth[0]!.headers.rquid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(auth[0]!.body).toBe('scope=GIGACHAT_API_B2B');
    const chats = server.seen.filter((seen) => seen.path === '/api/v1/chat/completions');
    expect(chats).toHaveLength(2);
    expect(chats[0]!.headers.authorization).toBe('Bearer tok-1');
    const body = JSON.parse(chats[0]!.body);
    expect(body).toMatchObject({ model: 'GigaChat-2' });
    // json_object is not GigaChat's: without structured output the prompt asks for JSON.
    expect(body.response_format).toBeUndefined();
  });

  it('sends its own json_schema shape when structured output is on', async () => {
    const server = await gigaChat(() => ({ body: chatCompletion(JSON.stringify(answer)) }));
    await run(config(server.url, { structuredOutput: true, scope: 'GIGACHAT_API_CORP' }), 'K2');
    const chat = server.seen.find((seen) => seen.path === '/api/v1/chat/completions')!;
    expect(JSON.parse(chat.body).response_format).toMatchObject({
      type: 'json_schema',
      strict: true,
      schema: { type: 'object' },
    });
  });

  it('fetches a new token once on a 401 from the chat', async () => {
    const server = await gigaChat(
      (seen) =>
        seen.headers.authorization === 'Bearer tok-0'
          ? { status: 401, body: { message: 'Token has expired' } }
          : { body: chatCompletion(JSON.stringify(answer)) },
      (index) => ({ body: { access_token: `tok-${index}`, expires_at: Date.now() + 30 * 60_000 } }),
    );
    const events = await run(config(server.url, { scope: 'GIGACHAT_API_CORP' }), 'K3');
    expect(events.filter((event) => event.type === 'message')).toHaveLength(1);
    expect(server.seen.map((seen) => seen.path)).toEqual([
      '/api/v2/oauth',
      '/api/v1/chat/completions',
      '/api/v2/oauth',
      '/api/v1/chat/completions',
    ]);
  });

  it('names a key or scope the token service refuses as auth_failed', async () => {
    const server = await gigaChat(
      () => ({ body: chatCompletion(JSON.stringify(answer)) }),
      () => ({ status: 400, body: { code: 7, message: 'scope from db not fully includes consumed scope' } }),
    );
    expect(await rejectionOf(run(config(server.url, { scope: 'GIGACHAT_API_PERS' }), 'K4'))).toMatchObject({
      code: 'auth_failed',
    });
    expect(server.seen.every((seen) => seen.path === '/api/v2/oauth')).toBe(true);
  });

  it('runs one request at a time for a personal key', async () => {
    let inFlight = 0;
    let most = 0;
    const server = await stub((seen) => {
      if (seen.path === '/api/v2/oauth') return { body: { access_token: 'p', expires_at: Date.now() + 30 * 60_000 } };
      inFlight++;
      most = Math.max(most, inFlight);
      setTimeout(() => inFlight--, 100);
      return { body: chatCompletion(JSON.stringify(answer)), delayMs: 100 };
    });
    await Promise.all([
      run(config(server.url, { scope: 'GIGACHAT_API_PERS' }), 'K5'),
      run(config(server.url, { scope: 'GIGACHAT_API_PERS' }), 'K5'),
    ]);
    expect(most).toBe(1);
  });
});

describe("GigaChat over TLS, with a root certificate Node does not know (as Sber's)", () => {
  const tlsGigaChat = () =>
    stub(
      (seen) =>
        seen.path === '/api/v2/oauth'
          ? { body: { access_token: 'tok-tls', expires_at: Date.now() + 30 * 60_000 } }
          : { body: chatCompletion(JSON.stringify(answer)) },
      { tls: true },
    );
  const config = (url: string, extra: object = {}) => ({
    kind: 'gigachat',
    baseURL: `${url}/api/v1`,
    authURL: `${url}/api/v2/oauth`,
    scope: 'GIGACHAT_API_B2B',
    ...extra,
  });

  it('refuses the connection without that certificate, and says why', async () => {
    const server = await tlsGigaChat();
    const result = await testProvider(providerConfigSchema.parse(config(server.url)), 'K-tls-none', {
      rootCertificateFile: null,
    });
    expect(result).toMatchObject({ ok: false, code: 'provider_error', reason: 'untrusted_certificate' });
    expect(server.seen).toEqual([]);
  });

  it('trusts the certificate pasted in Settings', async () => {
    const server = await tlsGigaChat();
    const events = await run(
      config(server.url, { caPem: readFileSync(testCertificatePath('ca.pem'), 'utf8') }),
      'K-tls-pasted',
    );
    expect(events.filter((event) => event.type === 'message')).toHaveLength(1);
    expect(server.seen.map((seen) => seen.path)).toEqual(['/api/v2/oauth', '/api/v1/chat/completions']);
  });

  it("trusts the deployment's file (GIGACHAT_CA_FILE), and names what is wrong with a file it cannot use", async () => {
    expect(readDeploymentCa(testCertificatePath('ca.pem'))?.status).toMatchObject({
      path: testCertificatePath('ca.pem'),
      subject: 'CN=Flowpilot Test Root CA',
      validTo: expect.stringMatching(/^2126-/),
    });
    const server = await tlsGigaChat();
    const parsed = providerConfigSchema.parse(config(server.url));
    const result = await testProvider(parsed, 'K-tls-file', { rootCertificateFile: testCertificatePath('ca.pem') });
    expect(result).toMatchObject({ ok: true });
    expect(server.seen.map((seen) => seen.path)).toEqual(['/api/v2/oauth', '/api/v1/chat/completions']);

    expect(readDeploymentCa(besideCertificates('no-such.pem'))?.status).toEqual({
      path: besideCertificates('no-such.pem'),
      problem: 'missing',
    });
    expect(readDeploymentCa(besideCertificates('README.md'))?.status).toEqual({
      path: besideCertificates('README.md'),
      problem: 'not_a_certificate',
    });
    expect(() =>
      gigaChatRootCertificate(
        parsed as Extract<ProviderConfig, { kind: 'gigachat' }>,
        besideCertificates('no-such.pem'),
      ),
    ).toThrow(expect.objectContaining({ code: 'provider_error', details: { reason: 'untrusted_certificate' } }));
  });
});

describe('the Test button: one small real call', () => {
  it('reports the reply and the time when the provider answers', async () => {
    const server = await stub(() => ({ body: chatCompletion('OK') }));
    const result = await testProvider(
      providerConfigSchema.parse({ kind: 'openai_compatible', baseURL: server.url, model: 'm' }),
      null,
    );
    expect(result).toMatchObject({ ok: true, reply: 'OK' });
    expect(JSON.parse(server.seen[0]!.body)).toMatchObject({ model: 'm', max_tokens: 16 });
  });

  it('never hands the key back, even from a provider that echoes what it was sent', async () => {
    const server = await stub((seen) => ({ body: chatCompletion(`OK, you sent ${seen.headers.authorization}`) }));
    const result = await testProvider(
      providerConfigSchema.parse({ kind: 'openai_compatible', baseURL: server.url, model: 'm' }),
      'sk-echoed-key',
    );
    expect(server.seen[0]!.headers.authorization).toBe('Bearer sk-echoed-key');
    expect(result).toMatchObject({ ok: true, reply: 'OK, you sent Bearer •••' });
  });

  it('reports the exact reason when it does not', async () => {
    const server = await stub(() => ({ status: 401, body: { error: { message: 'bad key' } } }));
    expect(
      await testProvider(
        providerConfigSchema.parse({ kind: 'yandexgpt', folderId: 'f', baseURL: server.url }),
        'wrong',
      ),
    ).toMatchObject({
      ok: false,
      code: 'auth_failed',
      reason: 'http_status',
      status: 401,
      host: new URL(server.url).host,
    });
    expect(await testProvider(providerConfigSchema.parse({ kind: 'bitrixgpt' }), null)).toMatchObject({
      ok: false,
      code: 'not_available',
    });
    expect(
      await testProvider(
        providerConfigSchema.parse({ kind: 'openai_compatible', baseURL: 'http://127.0.0.1:9', model: 'm' }),
        null,
      ),
    ).toMatchObject({ ok: false, code: 'provider_error', reason: 'unreachable', host: '127.0.0.1:9' });
    // A 200 whose body is not JSON is an unreadable answer, not an HTTP failure.
    const garbled = await stub(() => ({ body: '<html>gateway says hello</html>' }));
    expect(
      await testProvider(
        providerConfigSchema.parse({ kind: 'openai_compatible', baseURL: garbled.url, model: 'm' }),
        null,
      ),
    ).toEqual({ ok: false, code: 'bad_output', reason: undefined, status: undefined, host: undefined });
    const silent = await stub(() => ({ body: chatCompletion('OK'), delayMs: 1_000 }));
    expect(
      await testProvider(
        providerConfigSchema.parse({ kind: 'openai_compatible', baseURL: silent.url, model: 'm' }),
        null,
        { timeoutMs: 100 },
      ),
    ).toMatchObject({ ok: false, code: 'provider_error', reason: 'timeout' });
  });
});

describe('the Test button: link-local and cloud-metadata addresses, and redirects', () => {
  afterEach(() => vi.restoreAllMocks());
  const test = (config: unknown, secret: string | null = null) =>
    testProvider(providerConfigSchema.parse(config), secret, { timeoutMs: 2_000, rootCertificateFile: null });
  const refused = (host: string, range: string) => ({
    ok: false,
    code: 'provider_error',
    reason: 'refused_address',
    host,
    range,
  });

  it.each([
    ['http://169.254.169.254/v1', '169.254.169.254', '169.254.0.0/16'],
    ['http://[::ffff:169.254.169.254]/v1', '[::ffff:a9fe:a9fe]', '169.254.0.0/16'],
    ['http://[fd00:ec2::254]/v1', '[fd00:ec2::254]', 'fd00:ec2::254'],
    ['http://100.100.100.200/v1', '100.100.100.200', '100.100.100.200'],
    ['http://metadata.goog/v1', 'metadata.goog', 'metadata.goog'],
  ])('refuses an OpenAI-compatible server at %s before connecting', async (baseURL, host, range) => {
    expect(await test({ kind: 'openai_compatible', baseURL, model: 'm' })).toMatchObject(refused(host, range));
  });

  it('refuses a server name that resolves to a cloud-metadata address, before any request reaches it', async () => {
    const server = await stub(() => ({ body: chatCompletion('OK') }));
    const lookup = dns.lookup;
    vi.spyOn(dns, 'lookup').mockImplementation(((
      hostname: string,
      options: dns.LookupOptions,
      callback: (error: Error | null, address: string | LookupAddress[], family?: number) => void,
    ) => {
      if (hostname !== 'models.rebind.test')
        return (lookup as (...args: unknown[]) => void)(hostname, options, callback);
      const addresses = [
        { address: '127.0.0.1', family: 4 },
        { address: '169.254.169.254', family: 4 },
      ];
      return options.all ? callback(null, addresses) : callback(null, addresses[0]!.address, addresses[0]!.family);
    }) as unknown as typeof dns.lookup);
    const result = await test({
      kind: 'openai_compatible',
      baseURL: `http://models.rebind.test:${new URL(server.url).port}/v1`,
      model: 'm',
    });
    expect(result).toMatchObject(refused('models.rebind.test', '169.254.0.0/16'));
    expect(server.seen).toEqual([]);
  });

  it('refuses each address a provider is reached through: YandexGPT native and its IAM exchange, GigaChat with its root certificate', async () => {
    expect(
      await test({ kind: 'yandexgpt', folderId: 'f', auth: 'iam_token', baseURL: 'http://169.254.169.254/v1' }, 't1'),
    ).toMatchObject(refused('169.254.169.254', '169.254.0.0/16'));
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const authorizedKey = JSON.stringify({
      id: 'k',
      service_account_id: 'a',
      private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }),
    });
    const yandex = await stub(() => ({ body: {} }));
    expect(
      await test(
        {
          kind: 'yandexgpt',
          folderId: 'f',
          auth: 'service_account_key',
          baseURL: `${yandex.url}/v1`,
          iamURL: 'http://[fe80::a9fe:a9fe]/iam/v1/tokens',
        },
        authorizedKey,
      ),
    ).toMatchObject(refused('[fe80::a9fe:a9fe]', 'fe80::/10'));
    expect(yandex.seen).toEqual([]);
    const gigaChat = await stub(() => ({ body: chatCompletion('OK') }), { tls: true });
    const caPem = readFileSync(testCertificatePath('ca.pem'), 'utf8');
    expect(
      await test(
        {
          kind: 'gigachat',
          baseURL: `${gigaChat.url}/api/v1`,
          authURL: 'https://169.254.169.254/api/v2/oauth',
          scope: 'GIGACHAT_API_B2B',
          caPem,
        },
        'K-meta',
      ),
    ).toMatchObject(refused('169.254.169.254', '169.254.0.0/16'));
    expect(gigaChat.seen).toEqual([]);
  });

  it('does not follow a redirect from the provider, and names where it pointed', async () => {
    const elsewhere = await stub(() => ({ body: chatCompletion('OK') }));
    const server = await stub((seen) => ({ status: 302, headers: { location: `${elsewhere.url}${seen.path}` } }));
    expect(
      await test({ kind: 'openai_compatible', baseURL: `${server.url}/v1`, model: 'm' }, 'sk-moved'),
    ).toMatchObject({
      ok: false,
      code: 'provider_error',
      reason: 'redirect',
      host: new URL(server.url).host,
      location: elsewhere.url,
    });
    expect(server.seen).toHaveLength(1);
    expect(elsewhere.seen).toEqual([]);
  });

  it("does not follow a redirect from GigaChat's token service", async () => {
    const elsewhere = await stub(() => ({ body: { access_token: 'tok', expires_at: Date.now() + 60_000 } }));
    const server = await stub((seen) =>
      seen.path === '/api/v2/oauth'
        ? { status: 301, headers: { location: `${elsewhere.url}/api/v2/oauth` } }
        : { body: chatCompletion('OK') },
    );
    expect(
      await test(
        {
          kind: 'gigachat',
          baseURL: `${server.url}/api/v1`,
          authURL: `${server.url}/api/v2/oauth`,
          scope: 'GIGACHAT_API_B2B',
        },
        'K-moved',
      ),
    ).toMatchObject({ ok: false, reason: 'redirect', location: elsewhere.url });
    expect(elsewhere.seen).toEqual([]);
  });
});
