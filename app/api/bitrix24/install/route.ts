import { db } from '@/lib/db/client';
import { env } from '@/lib/env';
import { appBoss } from '@/lib/jobs/web-job-sender';
import { eventsHandlerUrl } from '@/lib/portals/events-url';
import { receiveAppInstall } from '@/lib/receivers/receive-app-install';
import { appSecretBox } from '@/lib/security/app-secret-box';
import { requestSync } from '@/lib/jobs/request-sync';

export const dynamic = 'force-dynamic';

// POST /api/bitrix24/install?state=… - Bitrix24's installation post for the local app. No
// session: the one-time state an admin made in Settings stands for them.
export async function POST(request: Request): Promise<Response> {
  const database = db();
  return receiveAppInstall(request, database, appSecretBox(), {
    eventsUrl: eventsHandlerUrl(env().APP_URL, request.headers),
    startSync: async (portalId) => requestSync(database, await appBoss(), portalId, 'full'),
  });
}
