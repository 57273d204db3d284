import { z } from 'zod';
import type { PrismaClient } from '@/lib/db/client';
import { Prisma } from '@/lib/db/generated/client';
import type { EfficiencyForecast } from './efficiency-forecast';
import { flowOutlooks } from './flow-outlooks';
import { riskFlowsOf } from './risk-flows';

/**
 * The flows list's figures of each flow, kept in one row per flow (FlowListFigure) by the roll-up
 * that writes the daily figures (daily-figure-rollup.ts), so the list reads a row per flow rather
 * than a month of daily figures and a simulation per flow:
 *
 * - the efficiency and completions of the days up to the flow's latest daily figure, copied from
 *   flow_daily_figure in the same transaction as the figures are written, so they always equal
 *   what the daily figures say;
 * - what lies ahead at the roll-up: the open tasks likely late and the efficiency forecast
 *   (flow-outlooks.ts), as of `outlookAt`.
 */

/**
 * Days kept, up to the latest: the list's 30-day window, the day before it (yesterday's figure
 * stands for today until today is rolled up, and the previous window's is 30 days before it) and
 * two days more for a flow whose portal's day runs ahead of the list's (the list draws its window
 * in the first portal's zone).
 */
export const listFigureDays = 34;

/** Flows whose outlooks are worked out together: a few hundred tasks each, a simulation each. */
const outlookChunk = 100;

/**
 * The arrays of every flow of the portal (or of `flowIds`) from its daily figures, in flow order
 * (so two writers lock rows in the same order). Part of the daily figures' transaction.
 */
export function writeListFigures(
  db: PrismaClient,
  portalId: string,
  flowIds: readonly string[] | null,
): Prisma.PrismaPromise<number> {
  const onlyFlows = flowIds === null ? Prisma.empty : Prisma.sql`AND f.id = ANY(${flowIds}::uuid[])`;
  return db.$executeRaw`
    WITH latest AS (
      SELECT f.id AS "flowId", (SELECT max(d.day) FROM flow_daily_figure d WHERE d."flowId" = f.id) AS "lastDay"
      FROM flow f WHERE f."portalId" = ${portalId}::uuid ${onlyFlows}
    )
    INSERT INTO flow_list_figure AS l ("flowId", "lastDay", efficiencies, completions)
    SELECT latest."flowId", latest."lastDay",
      array_agg(d.efficiency ORDER BY g.i), array_agg(d."completedToday" ORDER BY g.i)
    FROM latest
    CROSS JOIN generate_series(0, ${listFigureDays - 1}::int) AS g(i)
    LEFT JOIN flow_daily_figure d ON d."flowId" = latest."flowId"
      AND d.day = latest."lastDay" - ${listFigureDays - 1}::int + g.i
    WHERE latest."lastDay" IS NOT NULL
    GROUP BY latest."flowId", latest."lastDay"
    ORDER BY latest."flowId"
    ON CONFLICT ("flowId") DO UPDATE SET
      "lastDay" = EXCLUDED."lastDay", efficiencies = EXCLUDED.efficiencies, completions = EXCLUDED.completions`;
}

/**
 * Works out what lies ahead for each flow at `now` (its open tasks' risks, how many are likely
 * late, the efficiency forecast) and stores it beside the flow's list figures, a hundred flows at
 * a time. An outlook worked out earlier never replaces a later one.
 */
export async function writeFlowOutlooks(db: PrismaClient, flowIds: readonly string[], now: Date): Promise<void> {
  const sorted = [...flowIds].sort();
  for (let start = 0; start < sorted.length; start += outlookChunk) {
    const flows = await riskFlowsOf(db, sorted.slice(start, start + outlookChunk));
    const outlooks = await flowOutlooks(db, flows, now);
    const ids = flows.map((flow) => flow.id).sort();
    await db.$executeRaw`
      UPDATE flow_list_figure l SET "outlookAt" = ${now}, "likelyLate" = o."likelyLate", forecast = o.forecast
      FROM unnest(
        ${ids}::uuid[],
        ${ids.map((id) => outlooks.get(id)!.likelyLate)}::int[],
        ${ids.map((id) => JSON.stringify(outlooks.get(id)!.forecast))}::jsonb[]
      ) AS o("flowId", "likelyLate", forecast)
      WHERE l."flowId" = o."flowId" AND (l."outlookAt" IS NULL OR l."outlookAt" <= ${now})`;
  }
}

const forecastSchema = z.object({
  current: z.number(),
  points: z.array(
    z.object({ days: z.number(), at: z.number(), median: z.number(), low: z.number(), high: z.number() }),
  ),
  basis: z.object({ tasks: z.number(), openDue: z.number(), recent: z.number() }),
  pace: z.object({ perDay: z.number(), days: z.number() }),
}) satisfies z.ZodType<EfficiencyForecast>;

const listFigureRowSchema = z.object({
  flowId: z.string(),
  lastDay: z.iso.date(),
  efficiencies: z.array(z.number().nullable()).length(listFigureDays),
  completions: z.array(z.number().nullable()).length(listFigureDays),
  likelyLate: z.number().nullable(),
  forecast: forecastSchema.nullable(),
});

/** A flow's stored list figures: the arrays run over the `listFigureDays` days up to `lastDay`, oldest first. */
export type ListFigures = z.infer<typeof listFigureRowSchema>;

/** The stored list figures of these flows, by flow id (flows not rolled up yet are absent). */
export async function readListFigures(db: PrismaClient, flowIds: readonly string[]): Promise<Map<string, ListFigures>> {
  if (flowIds.length === 0) return new Map();
  // One JSON text for all the rows: a list of a thousand flows reads several times faster so than
  // as rows of arrays and JSON values, which the client converts one value at a time.
  const [{ rows }] = await db.$queryRaw<[{ rows: string }]>`
    SELECT COALESCE(json_agg(json_build_object(
      'flowId', "flowId", 'lastDay', "lastDay", 'efficiencies', efficiencies, 'completions', completions,
      'likelyLate', "likelyLate", 'forecast', forecast)), '[]')::text AS rows
    FROM flow_list_figure WHERE "flowId" = ANY(${flowIds}::uuid[])`;
  return new Map(
    z
      .array(listFigureRowSchema)
      .parse(JSON.parse(rows))
      .map((row) => [row.flowId, row]),
  );
}
