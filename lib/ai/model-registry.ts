import type { AnalystModel } from './analyst-model';
import { builtinAnalyst } from './builtin-analyst';
import { llmAnalyst } from './llm-analyst';
import { ModelError } from './model-errors';
import { needsSecret, type ProviderConfig } from './provider-config';
import { gigaChatModel } from './providers/gigachat';
import { bitrixGptModel, openAiCompatibleModel, yandexGptModel } from './providers/openai-compatible';

/** The analyst for the admin's choice of model; `secret` is the provider's key, already unsealed. */
export function analystModelFor(config: ProviderConfig, secret: string | null): AnalystModel {
  if (config.kind === 'builtin') return builtinAnalyst;
  if (needsSecret(config) && !secret) {
    // Never quietly another model: BitrixGPT without a Vibecode key is simply not available.
    throw new ModelError('not_available', `${config.kind} needs its key in Settings.`);
  }
  const key = secret ?? '';
  switch (config.kind) {
    case 'openai_compatible':
      return llmAnalyst(`openai_compatible:${config.model}`, openAiCompatibleModel(config, secret), { json: config.supportsJsonSchema ? 'schema' : 'prompt' });
    case 'yandexgpt':
      return llmAnalyst(`yandexgpt:${config.model}`, yandexGptModel(config, key), { json: 'schema' });
    case 'gigachat':
      return llmAnalyst(`gigachat:${config.model}`, gigaChatModel(config, key), { json: config.structuredOutput ? 'schema' : 'prompt' });
    case 'bitrixgpt':
      return llmAnalyst(`bitrixgpt:${config.model}`, bitrixGptModel(config, key), { json: { object: 'bitrixgpt' } });
  }
}
