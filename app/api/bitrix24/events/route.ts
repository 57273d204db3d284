import { db } from '@/lib/db/client';
import { appBoss } from '@/lib/jobs/web-job-sender';
import { appSecretBox } from '@/lib/security/app-secret-box';
import { receivePortalEvent } from '@/lib/receivers/receive-portal-event';

export const dynamic = 'force-dynamic';

// POST /api/bitrix24/events - task events from the portal. No session: the portal proves itself
// with the application token; the event is recorded and processed by a job, so the answer is quick.
export async function POST(request: Request): Promise<Response> {
  return receivePortalEvent(request, { db: db(), box: appSecretBox(), boss: appBoss });
}
