import { z } from 'zod';

/**
 * What CoPilot may say about a flow: typed findings computed from the mirror. A model only
 * phrases and orders them; every number, person and task in its messages must come from here.
 */
export const problemKinds = [
  'dismissed-in-team',
  'review-wait',
  'weekend-deadlines',
  'slow-manual-distribution',
  'overloaded-assignee',
  'intake-spike',
  'thin-descriptions',
  'slow-pickup',
  'planned-time-too-short',
  'postponed-deadlines',
] as const;

export const strengthKinds = ['balanced-load', 'quick-pickup', 'realistic-planned-time', 'complete-descriptions', 'steady-delivery'] as const;

export const findingKinds = [...problemKinds, ...strengthKinds] as const;
export type ProblemKind = (typeof problemKinds)[number];
export type StrengthKind = (typeof strengthKinds)[number];
export type FindingKind = (typeof findingKinds)[number];

export const findingSchema = z.object({
  /** f1, f2, … in the order CoPilot presents them. */
  id: z.string().regex(/^f\d+$/),
  kind: z.enum(findingKinds),
  tone: z.enum(['problem', 'strength']),
  severity: z.enum(['high', 'medium', 'low']),
  /** Points of efficiency this finding accounts for (0 for strengths). */
  lostPoints: z.number().int().min(0).max(100),
  /** The figures behind the finding, already rounded as they are shown (durations in `unit`). */
  figures: z.record(z.string(), z.number()),
  unit: z.enum(['hour', 'day']),
  /** Bitrix24 user ids the finding concerns. */
  people: z.array(z.number().int()),
  /** Bitrix24 task ids behind it (the latest first, at most 10). */
  taskIds: z.array(z.number().int()),
});

export type Finding = z.infer<typeof findingSchema>;

export const findingsSchema = z.array(findingSchema);
