import type { Viewer } from '@/lib/auth/viewer';
import type { PrismaClient } from '@/lib/db/client';
import type { AlertDeliveryState, AlertKind } from '@/lib/db/generated/enums';
import { visibleFlowsWhere } from '@/lib/flows/flow-access';

/** One line of the alert log: who was told what and when, and what the portal answered. */
export type AlertLogEntry = {
  id: string;
  flow: { id: string; name: string };
  /** Null for a test. */
  kind: AlertKind | null;
  recipient: { id: number; name: string | null };
  message: string;
  state: AlertDeliveryState;
  reason: string | null;
  createdAt: string;
  sentAt: string | null;
};

/** Lines shown at most; the log keeps everything. */
export const alertLogLimit = 100;

/**
 * The latest alerts of the flows the viewer may see, newest first; of one flow when `flowId` is
 * given. Names come from the mirrored employees (a person the portal no longer lists shows by id).
 */
export async function alertLog(db: PrismaClient, viewer: Viewer, flowId?: string): Promise<AlertLogEntry[]> {
  const rows = await db.alertDelivery.findMany({
    where: { flow: { AND: [visibleFlowsWhere(viewer), ...(flowId ? [{ id: flowId }] : [])] } },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: alertLogLimit,
    select: {
      id: true,
      kind: true,
      recipientId: true,
      message: true,
      state: true,
      reason: true,
      createdAt: true,
      sentAt: true,
      flow: { select: { id: true, name: true, portalId: true } },
    },
  });
  const people = await db.employee.findMany({
    where: { OR: rows.map((row) => ({ portalId: row.flow.portalId, bitrixUserId: row.recipientId })) },
    select: { portalId: true, bitrixUserId: true, name: true, lastName: true },
  });
  const nameOf = (portalId: string, id: number) => {
    const person = people.find((candidate) => candidate.portalId === portalId && candidate.bitrixUserId === id);
    return person ? [person.name, person.lastName].filter(Boolean).join(' ') : null;
  };
  return rows.map((row) => ({
    id: row.id,
    flow: { id: row.flow.id, name: row.flow.name },
    kind: row.kind,
    recipient: { id: row.recipientId, name: nameOf(row.flow.portalId, row.recipientId) },
    message: row.message,
    state: row.state,
    reason: row.reason,
    createdAt: row.createdAt.toISOString(),
    sentAt: row.sentAt?.toISOString() ?? null,
  }));
}
