import { z } from 'zod';
import type { ChartPeriod } from './dashboard-types';

/** The periods a chart page offers (`?days=`), and the one it opens with. */
export const chartPeriods = [30, 90, 180] as const satisfies readonly ChartPeriod[];
export const defaultChartPeriod: ChartPeriod = 90;

export const chartPeriodSchema = z.coerce.number().pipe(z.union([z.literal(30), z.literal(90), z.literal(180)]));

/** A page's `?days=` search param: a period it offers, else the default (a hand-edited URL still opens). */
export function chartPeriodParam(value: string | string[] | undefined): ChartPeriod {
  const parsed = chartPeriodSchema.safeParse(value);
  return parsed.success ? parsed.data : defaultChartPeriod;
}
