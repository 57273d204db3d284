import { z } from 'zod';
import { withAuth } from '@/lib/auth/guards';
import { ApiError } from '@/lib/errors/api-error';
import { db } from '@/lib/db/client';
import { appBoss } from '@/lib/jobs/web-job-sender';
import { currentPortal } from '@/lib/portals/current-portal';
import { requestSync } from '@/lib/jobs/request-sync';
import { readSyncStatus } from '@/lib/sync/sync-status';

export const dynamic = 'force-dynamic';

const bodySchema = z.object({ kind: z.enum(['full', 'incremental']) }).strict();

// POST /api/sync {kind: "full" | "incremental"} - admins start a sync of the connected portal.
// 202 with the new run, or 200 with the run already going (one per portal).
export const POST = withAuth(
  ['admin'],
  { body: { schema: bodySchema, limitBytes: 4_096, example: '{"kind": "incremental"}' } },
  async (_request, { body: { kind } }) => {
    const portal = await currentPortal(db());
    if (!portal)
      throw new ApiError(409, 'not_connected', 'No portal is connected. Connect one in Settings → Bitrix24.');
    const { started } = await requestSync(db(), await appBoss(), portal.id, kind);
    return Response.json(
      { started, ...(await readSyncStatus(db(), portal, { withReason: true })) },
      { status: started ? 202 : 200 },
    );
  },
);
