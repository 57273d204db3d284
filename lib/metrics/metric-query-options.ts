import { z } from 'zod';

/**
 * Options of the live metric queries: the moment they describe (now unless a test or a report
 * pins it) and how many days back the time distributions reach (30 unless a view picks another).
 */
export const metricQueryOptionsSchema = z.object({
  now: z.date().default(() => new Date()),
  windowDays: z.number().int().min(1).max(366).default(30),
});

export type MetricQueryOptions = z.input<typeof metricQueryOptionsSchema>;
