import type {
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3FinishReason,
  LanguageModelV3GenerateResult,
  LanguageModelV3StreamPart,
} from '@ai-sdk/provider';
import { APICallError } from 'ai';
import { z } from 'zod';
import { outboundFetch } from '@/lib/http/outbound-guard';
import { ModelError } from '../model-errors';
import type { ProviderConfig } from '../provider-config';

type YandexConfig = Extract<ProviderConfig, { kind: 'yandexgpt' }>;

/** The native completion answer (docs/copilot.md, "Models"): REST wraps it in `result`; token counts are strings. */
const completionSchema = z.object({
  result: z.object({
    alternatives: z
      .array(z.object({ message: z.object({ role: z.string(), text: z.string().default('') }), status: z.string() }))
      .min(1),
    usage: z
      .object({
        inputTextTokens: z.coerce.number(),
        completionTokens: z.coerce.number(),
        totalTokens: z.coerce.number(),
      })
      .partial()
      .default({}),
    modelVersion: z.string().optional(),
  }),
});

const finishReasons: Record<string, LanguageModelV3FinishReason['unified']> = {
  ALTERNATIVE_STATUS_FINAL: 'stop',
  ALTERNATIVE_STATUS_TRUNCATED_FINAL: 'length',
  ALTERNATIVE_STATUS_TOOL_CALLS: 'tool-calls',
};

/** The prompt as Yandex's messages: one text per message; CoPilot sends text only. */
type YandexMessage = { role: 'system' | 'user' | 'assistant'; text: string };

function yandexMessages(prompt: LanguageModelV3CallOptions['prompt']): YandexMessage[] {
  return prompt.flatMap((message): YandexMessage[] => {
    if (message.role === 'system') return [{ role: 'system', text: message.content }];
    if (message.role === 'tool') return [];
    const text = message.content.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join('\n');
    return [{ role: message.role, text }];
  });
}

/**
 * YandexGPT's native text generation (docs/copilot.md, "Models"), for an admin who has an IAM token (or a
 * service account's key that makes them) and no API key: `Authorization: Bearer <IAM token>` with the folder in `x-folder-id`, the model as its
 * URI, JSON through `jsonSchema` or `jsonObject`, and Yandex asked not to log the request.
 */
export function yandexNativeModel(config: YandexConfig, iamToken: () => Promise<string>): LanguageModelV3 {
  const modelUri = config.model.startsWith('gpt://') ? config.model : `gpt://${config.folderId}/${config.model}`;
  // The native API sits beside the OpenAI-compatible /v1 (under any proxy prefix).
  const url = `${config.baseURL.replace(/\/+$/, '').replace(/\/v1$/, '')}/foundationModels/v1/completion`;

  async function doGenerate(options: LanguageModelV3CallOptions): Promise<LanguageModelV3GenerateResult> {
    const format = options.responseFormat;
    const body = {
      modelUri,
      completionOptions: {
        stream: false,
        temperature: options.temperature ?? 0.3,
        maxTokens: String(options.maxOutputTokens ?? 2000),
      },
      messages: yandexMessages(options.prompt),
      ...(format?.type === 'json'
        ? format.schema
          ? { jsonSchema: { schema: format.schema } }
          : { jsonObject: true }
        : {}),
    };
    // Fetched first, so a failure to get a token is reported as itself, not as YandexGPT unreachable.
    const bearer = await iamToken();
    let response: Response;
    try {
      response = await outboundFetch()(url, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${bearer}`,
          'x-folder-id': config.folderId,
          'x-data-logging-enabled': 'false',
          'Content-Type': 'application/json',
        },
        body: JSON.stringify(body),
        signal: options.abortSignal,
      });
    } catch (error) {
      if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')) throw error;
      throw new APICallError({
        message: 'Cannot connect to YandexGPT',
        url,
        requestBodyValues: body,
        cause: error,
        isRetryable: true,
      });
    }
    const text = await response.text();
    const responseHeaders = Object.fromEntries(response.headers.entries());
    if (!response.ok) {
      throw new APICallError({
        message: `YandexGPT answered HTTP ${response.status}`,
        url,
        requestBodyValues: body,
        statusCode: response.status,
        responseHeaders,
        responseBody: text,
      });
    }
    let parsed;
    try {
      parsed = completionSchema.parse(JSON.parse(text));
    } catch {
      throw new ModelError('bad_output', 'YandexGPT answered in a shape that is not a completion.');
    }
    const [alternative] = parsed.result.alternatives;
    if (alternative!.status === 'ALTERNATIVE_STATUS_CONTENT_FILTER')
      throw new ModelError('content_refused', 'YandexGPT declined to answer (ALTERNATIVE_STATUS_CONTENT_FILTER).');
    const { inputTextTokens, completionTokens } = parsed.result.usage;
    return {
      content: [{ type: 'text', text: alternative!.message.text }],
      finishReason: { unified: finishReasons[alternative!.status] ?? 'other', raw: alternative!.status },
      usage: {
        inputTokens: { total: inputTextTokens, noCache: undefined, cacheRead: undefined, cacheWrite: undefined },
        outputTokens: { total: completionTokens, text: completionTokens, reasoning: undefined },
      },
      response: { modelId: modelUri, headers: responseHeaders },
      warnings: [],
    };
  }

  return {
    specificationVersion: 'v3',
    provider: 'yandexgpt.native',
    modelId: modelUri,
    supportedUrls: {},
    doGenerate,
    // CoPilot reads whole answers; a stream is the one answer in one piece.
    async doStream(options) {
      const result = await doGenerate(options);
      const text = result.content.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join('');
      const parts: LanguageModelV3StreamPart[] = [
        { type: 'stream-start', warnings: [] },
        { type: 'text-start', id: '0' },
        { type: 'text-delta', id: '0', delta: text },
        { type: 'text-end', id: '0' },
        { type: 'finish', finishReason: result.finishReason, usage: result.usage },
      ];
      return {
        stream: new ReadableStream({
          start: (controller) => (parts.forEach((part) => controller.enqueue(part)), controller.close()),
        }),
      };
    },
  };
}
