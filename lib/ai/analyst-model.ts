import { z } from 'zod';
import { findingSchema } from '@/lib/findings/finding';
import type { Locale } from '@/lib/i18n/locales';

/**
 * What a model receives: the flow's settings and its findings, people as tokens (user_1…), no
 * task titles or descriptions. The same request goes to the built-in analyst and to any provider.
 */
export const modelFindingSchema = findingSchema.extend({ people: z.array(z.string().regex(/^user_\d+$/)) });
export type ModelFinding = z.infer<typeof modelFindingSchema>;

export type AnalysisRequest = {
  locale: Locale;
  efficiency: number;
  flow: {
    distributionType: 'manually' | 'queue' | 'himself';
    plannedCompletionTime: number;
    taskControl: boolean;
    matchWorkTime: boolean;
    templated: boolean;
  };
  findings: ModelFinding[];
  /**
   * Each person token's grammatical gender, for words that agree with it; only when the admin
   * allows it (docs/copilot.md, "What a model sees, and the grounding check").
   */
  genders?: Record<string, 'male' | 'female'>;
};

/** One chat message as a model must answer it: the findings it rests on, what is going on, what to do. */
export const modelMessageSchema = z.object({
  findingIds: z
    .array(z.string().regex(/^f\d+$/))
    .min(1)
    .max(5),
  factor: z.string().trim().min(1).max(800),
  advice: z.string().trim().min(1).max(800),
});
export type ModelMessage = z.infer<typeof modelMessageSchema>;

export type ModelEvent =
  { type: 'message'; message: ModelMessage } | { type: 'usage'; promptTokens: number; completionTokens: number };

/** A model that phrases findings; it yields messages as they are ready. */
export type AnalystModel = {
  id: string;
  phrase(request: AnalysisRequest, signal?: AbortSignal): AsyncIterable<ModelEvent>;
};
