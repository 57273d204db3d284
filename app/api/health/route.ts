import { db } from '@/lib/db/client';
import { checkDatabase } from '@/lib/db/database-health';
import { healthReport } from '@/lib/system/health-report';
import { appVersion } from '@/lib/version';

export const dynamic = 'force-dynamic';

// GET /api/health - liveness and database reachability. Public: load balancers and the header poll it.
export async function GET(): Promise<Response> {
  const report = healthReport(await checkDatabase(db), appVersion);
  return Response.json(report, {
    status: report.status === 'ok' ? 200 : 503,
    headers: { 'cache-control': 'no-store' },
  });
}
