import { z } from 'zod';

/**
 * Which model phrases CoPilot's findings, and how to reach it (docs/copilot.md, "Models"). The
 * one secret a provider needs (API key, IAM token, authorization key, Vibecode key) is kept apart,
 * sealed, and never part of this config.
 */
export const providerKinds = ['builtin', 'openai_compatible', 'yandexgpt', 'gigachat', 'bitrixgpt'] as const;
export type ProviderKind = (typeof providerKinds)[number];

export const gigachatScopes = ['GIGACHAT_API_PERS', 'GIGACHAT_API_B2B', 'GIGACHAT_API_CORP'] as const;

/** How a YandexGPT admin authenticates: a service account's API key (recommended), a user's IAM token, or a service account's authorized key (IAM tokens made from it). */
export const yandexAuthKinds = ['api_key', 'iam_token', 'service_account_key'] as const;

const httpUrl = z.url({ protocol: /^https?$/ });

export const providerConfigSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('builtin') }),
  z.object({
    kind: z.literal('openai_compatible'),
    baseURL: httpUrl,
    model: z.string().trim().min(1).max(200),
    /** The server enforces a JSON schema (OpenAI, vLLM, LM Studio); otherwise JSON is asked for in words. */
    supportsJsonSchema: z.boolean().default(false),
  }),
  z.object({
    kind: z.literal('yandexgpt'),
    folderId: z.string().trim().min(1).max(100),
    model: z.string().trim().min(1).max(200).default('yandexgpt/latest'),
    baseURL: httpUrl.default('https://llm.api.cloud.yandex.net/v1'),
    auth: z.enum(yandexAuthKinds).default('api_key'),
    /** Where an authorized key is exchanged for IAM tokens. */
    iamURL: httpUrl.default('https://iam.api.cloud.yandex.net/iam/v1/tokens'),
  }),
  z.object({
    kind: z.literal('gigachat'),
    scope: z.enum(gigachatScopes).default('GIGACHAT_API_PERS'),
    model: z.string().trim().min(1).max(200).default('GigaChat-2'),
    baseURL: httpUrl.default('https://gigachat.devices.sberbank.ru/api/v1'),
    authURL: httpUrl.default('https://ngw.devices.sberbank.ru:9443/api/v2/oauth'),
    /** The Russian Trusted Root CA (PEM) the deployment supplies; GigaChat's chain ends there. */
    caPem: z
      .string()
      .max(20_000)
      .regex(/-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----/, 'must be a PEM certificate')
      .optional(),
    structuredOutput: z.boolean().default(false),
  }),
  z.object({
    kind: z.literal('bitrixgpt'),
    baseURL: httpUrl.default('https://vibecode.bitrix24.com/v1'),
    model: z.string().trim().min(1).max(200).default('bitrix/bitrixgpt-5.5'),
  }),
]);

export type ProviderConfig = z.infer<typeof providerConfigSchema>;

/** Providers that cannot work without their secret (an OpenAI-compatible local server may need none). */
export function needsSecret(config: ProviderConfig): boolean {
  return config.kind !== 'builtin' && config.kind !== 'openai_compatible';
}
