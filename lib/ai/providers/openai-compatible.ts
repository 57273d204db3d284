import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { LanguageModel } from 'ai';
import { outboundFetch } from '@/lib/http/outbound-guard';
import type { ProviderConfig } from '../provider-config';

type Config<K extends ProviderConfig['kind']> = Extract<ProviderConfig, { kind: K }>;

/** OpenAI, Ollama, vLLM, LM Studio and the like: base URL, optional key, model (docs/copilot.md, "Models"). */
export function openAiCompatibleModel(config: Config<'openai_compatible'>, apiKey: string | null): LanguageModel {
  return createOpenAICompatible({
    name: 'openai-compatible',
    baseURL: config.baseURL,
    apiKey: apiKey ?? undefined,
    supportsStructuredOutputs: config.supportsJsonSchema,
    includeUsage: true,
    // The base URL is the admin's to type: the guard keeps it off metadata addresses and redirects.
    fetch: outboundFetch(),
  }).chatModel(config.model);
}

/**
 * YandexGPT with a service account's API key, through its OpenAI-compatible endpoint (docs/copilot.md, "Models"): the folder as the OpenAI project, the model as its full URI, the key as a bearer token,
 * and Yandex asked not to log. An IAM token goes to the native API (yandex-native.ts).
 */
export function yandexGptModel(config: Config<'yandexgpt'>, apiKey: string): LanguageModel {
  return createOpenAICompatible({
    name: 'yandexgpt',
    baseURL: config.baseURL,
    apiKey,
    headers: { 'OpenAI-Project': config.folderId, 'x-data-logging-enabled': 'false' },
    supportsStructuredOutputs: true,
    includeUsage: true,
    fetch: outboundFetch(),
  }).chatModel(config.model.startsWith('gpt://') ? config.model : `gpt://${config.folderId}/${config.model}`);
}

/** BitrixGPT through Bitrix24's Vibecode AI router (docs/copilot.md, "Models"): X-Api-Key, JSON asked for in words. */
export function bitrixGptModel(config: Config<'bitrixgpt'>, vibecodeKey: string): LanguageModel {
  return createOpenAICompatible({
    name: 'bitrixgpt',
    baseURL: config.baseURL,
    headers: { 'X-Api-Key': vibecodeKey },
    supportsStructuredOutputs: false,
    includeUsage: true,
    fetch: outboundFetch(),
  }).chatModel(config.model);
}
