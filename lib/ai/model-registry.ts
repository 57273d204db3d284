import type { LanguageModel } from 'ai';
import type { AnalystModel } from './analyst-model';
import { builtinAnalyst } from './builtin-analyst';
import { gigaChatRootCertificate } from './deployment-ca';
import { llmAnalyst } from './llm-analyst';
import { ModelError } from './model-errors';
import { needsSecret, type ProviderConfig } from './provider-config';
import { gigaChatModel } from './providers/gigachat';
import { bitrixGptModel, openAiCompatibleModel, yandexGptModel } from './providers/openai-compatible';
import { serviceAccountToken } from './providers/yandex-iam';
import { yandexNativeModel } from './providers/yandex-native';

type ExternalConfig = Exclude<ProviderConfig, { kind: 'builtin' }>;

/** The analyst for the admin's choice of model; `secret` is the provider's key, already unsealed. */
export function analystModelFor(config: ProviderConfig, secret: string | null): AnalystModel {
  if (config.kind === 'builtin') return builtinAnalyst;
  const json =
    config.kind === 'yandexgpt'
      ? 'schema'
      : config.kind === 'bitrixgpt'
        ? { object: 'bitrixgpt' }
        : (config.kind === 'gigachat' ? config.structuredOutput : config.supportsJsonSchema)
          ? 'schema'
          : 'prompt';
  return llmAnalyst(`${config.kind}:${config.model}`, languageModelFor(config, secret), { json });
}

/**
 * The provider's language model; fails as not_available when its key is missing.
 * `rootCertificateFile` stands in for GIGACHAT_CA_FILE (null: none).
 */
export function languageModelFor(
  config: ExternalConfig,
  secret: string | null,
  rootCertificateFile?: string | null,
): LanguageModel {
  if (needsSecret(config) && !secret) {
    // Never quietly another model: BitrixGPT without a Vibecode key is simply not available.
    throw new ModelError('not_available', `${config.kind} needs its key in Settings.`);
  }
  const key = secret ?? '';
  switch (config.kind) {
    case 'openai_compatible':
      return openAiCompatibleModel(config, secret);
    case 'yandexgpt':
      // docs/copilot.md, "Models": the OpenAI-compatible endpoint with an API key, the native API with an IAM token.
      if (config.auth === 'iam_token') return yandexNativeModel(config, async () => key);
      if (config.auth === 'service_account_key')
        return yandexNativeModel(config, serviceAccountToken(key, config.iamURL));
      return yandexGptModel(config, key);
    case 'gigachat':
      return gigaChatModel(config, key, gigaChatRootCertificate(config, rootCertificateFile));
    case 'bitrixgpt':
      return bitrixGptModel(config, key);
  }
}
