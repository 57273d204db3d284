import { generateText, NoObjectGeneratedError, Output, type LanguageModel } from 'ai';
import type { AnalysisRequest, AnalystModel, ModelEvent } from './analyst-model';
import {
  analystAnswerSchema,
  analystSystemPrompt,
  analystUserPrompt,
  answerFromText,
  type AnalystAnswer,
} from './analyst-prompt';
import { ModelError, modelErrorFrom } from './model-errors';

export type LlmAnalystOptions = {
  /**
   * How JSON is asked for: `schema`, the server enforces the answer's schema; `object`, the
   * server's JSON mode (response_format json_object) under `providerName`; `prompt`, in words
   * only (servers that reject json_object). The answer is checked with zod every time.
   */
  json: 'schema' | { object: string } | 'prompt';
  timeoutMs?: number;
};

/**
 * A language model as CoPilot's analyst: one call with the findings, temperature low, no tools.
 * An answer that is not the expected JSON gets one repair attempt with the reason, then fails as
 * bad_output (CoPilot then shows the built-in analyst's messages).
 */
export function llmAnalyst(id: string, model: LanguageModel, options: LlmAnalystOptions): AnalystModel {
  return {
    id,
    async *phrase(request: AnalysisRequest, signal?: AbortSignal): AsyncIterable<ModelEvent> {
      const usage = { promptTokens: 0, completionTokens: 0 };
      const ask = async (repair: string | null): Promise<{ answer: AnalystAnswer | null; problem: string }> => {
        const timeout = AbortSignal.timeout(options.timeoutMs ?? 60_000);
        try {
          const result = await generateText({
            model,
            system: analystSystemPrompt(request),
            prompt: repair
              ? `${analystUserPrompt(request)}\n\nYour previous answer could not be used: ${repair}. Answer again with the JSON only.`
              : analystUserPrompt(request),
            temperature: 0.2,
            maxRetries: 0,
            abortSignal: signal ? AbortSignal.any([signal, timeout]) : timeout,
            ...(options.json === 'schema' ? { output: Output.object({ schema: analystAnswerSchema }) } : {}),
            ...(typeof options.json === 'object'
              ? { providerOptions: { [options.json.object]: { response_format: { type: 'json_object' } } } }
              : {}),
          });
          usage.promptTokens += result.usage.inputTokens ?? 0;
          usage.completionTokens += result.usage.outputTokens ?? 0;
          const parsed = analystAnswerSchema.safeParse(answerFromText(result.text));
          return parsed.success
            ? { answer: parsed.data, problem: '' }
            : { answer: null, problem: parsed.error.issues[0]?.message ?? 'not JSON' };
        } catch (error) {
          // A structured answer that does not match the schema is worth one repair, like text.
          if (NoObjectGeneratedError.isInstance(error)) return { answer: null, problem: error.message };
          throw modelErrorFrom(error);
        }
      };
      let attempt = await ask(null);
      if (!attempt.answer) attempt = await ask(attempt.problem);
      if (!attempt.answer)
        throw new ModelError(
          'bad_output',
          `The model's answer was not the expected JSON after one repair (${attempt.problem}).`,
        );
      yield { type: 'usage', ...usage };
      for (const message of attempt.answer.messages) yield { type: 'message', message };
    },
  };
}
