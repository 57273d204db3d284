import { z } from 'zod';
import { modelMessageSchema } from '@/lib/ai/analyst-model';
import { findingsSchema } from '@/lib/findings/finding';

/** The JSON columns of a stored analysis, checked on the way back out of the database. */
export const analysisRecordSchema = z.object({
  findings: findingsSchema,
  messages: z.array(modelMessageSchema),
  people: z.record(z.string().regex(/^user_\d+$/), z.number().int()),
});

export type AnalysisRecord = z.infer<typeof analysisRecordSchema>;
