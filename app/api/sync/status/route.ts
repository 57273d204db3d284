import { withAuth } from '@/lib/auth/guards';
import { db } from '@/lib/db/client';
import { currentPortal } from '@/lib/portals/current-portal';
import { readSyncStatus } from '@/lib/sync/sync-status';

export const dynamic = 'force-dynamic';

// GET /api/sync/status - the latest sync's phase, done/total and time left, for the header's progress bar.
export const GET = withAuth(['admin', 'lead', 'executive'], {}, async (_request, { viewer }) => {
  const status = await readSyncStatus(db(), await currentPortal(db()), { withReason: viewer.role === 'admin' });
  return Response.json(status);
});
