import { healthReportSchema, type HealthReport } from './health-report';

/** GET /api/health from the browser; a 503 still carries a report, anything else means unreachable. */
export async function fetchHealth(signal?: AbortSignal): Promise<HealthReport> {
  const response = await fetch('/api/health', { signal, cache: 'no-store' });
  return healthReportSchema.parse(await response.json());
}
