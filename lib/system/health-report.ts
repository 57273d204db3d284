import { z } from 'zod';
import { databaseDownReasons, type DatabaseHealth } from '@/lib/db/database-health';

/** The body of GET /api/health; the header indicator parses it with the same schema. */
export const healthReportSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('ok'), db: z.literal('up'), version: z.string(), latencyMs: z.number() }),
  z.object({
    status: z.literal('error'),
    db: z.literal('down'),
    version: z.string(),
    reasonCode: z.enum(Object.keys(databaseDownReasons) as [keyof typeof databaseDownReasons]),
    reason: z.string(),
  }),
]);

export type HealthReport = z.infer<typeof healthReportSchema>;

export function healthReport(database: DatabaseHealth, version: string): HealthReport {
  if (database.up) return { status: 'ok', db: 'up', version, latencyMs: database.latencyMs };
  return {
    status: 'error',
    db: 'down',
    version,
    reasonCode: database.reason,
    reason: `Database unreachable: ${databaseDownReasons[database.reason]}.`,
  };
}
