import type { Prisma } from '@/lib/db/generated/client';
import type { Viewer } from '@/lib/auth/viewer';

/**
 * Which flows a viewer may see, as a Prisma filter that every flow query takes: admins and
 * executives see every flow; a lead sees the flows their linked employee owns, moderates or works
 * in, plus the flows an admin granted them.
 */
export function visibleFlowsWhere(viewer: Viewer): Prisma.FlowWhereInput {
  if (viewer.role !== 'lead') return {};
  const granted: Prisma.FlowWhereInput = { grants: { some: { userId: viewer.id } } };
  if (viewer.portalId === null || viewer.bitrixUserId === null) return granted;
  return {
    OR: [{ portalId: viewer.portalId, members: { some: { bitrixUserId: viewer.bitrixUserId } } }, granted],
  };
}
