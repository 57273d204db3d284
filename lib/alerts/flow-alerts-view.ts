import type { Viewer } from '@/lib/auth/viewer';
import type { PrismaClient } from '@/lib/db/client';
import { visibleFlowsWhere } from '@/lib/flows/flow-access';
import { alertLog, type AlertLogEntry } from './alert-log';
import { effectiveRules, flowRulesSelect, type AlertRule } from './alert-rules';

/** What the flow page's alerts section shows. */
export type FlowAlertsView = {
  flowId: string;
  rules: AlertRule[];
  /** People in the flow, who may be added as recipients. */
  members: { id: number; name: string }[];
  owner: { id: number; name: string } | null;
  canEdit: boolean;
  /** The portal connection was granted scopes, and `im` is not among them. */
  missingImScope: boolean;
  log: AlertLogEntry[];
};

/** Null when the flow is not the viewer's to see. Admins and leads edit; executives read. */
export async function flowAlertsView(db: PrismaClient, viewer: Viewer, flowId: string): Promise<FlowAlertsView | null> {
  const flow = await db.flow.findFirst({
    where: { AND: [{ id: flowId }, visibleFlowsWhere(viewer)] },
    select: {
      id: true,
      portalId: true,
      ownerId: true,
      ...flowRulesSelect,
      members: { select: { bitrixUserId: true } },
      portal: { select: { connection: { select: { scopes: true } } } },
    },
  });
  if (!flow) return null;
  const ids = [...new Set(flow.members.map((member) => member.bitrixUserId))];
  const employees = await db.employee.findMany({
    where: { portalId: flow.portalId, bitrixUserId: { in: ids } },
    select: { bitrixUserId: true, name: true, lastName: true },
    orderBy: [{ lastName: 'asc' }, { name: 'asc' }],
  });
  const members = employees.map((person) => ({
    id: person.bitrixUserId,
    name: [person.name, person.lastName].filter(Boolean).join(' '),
  }));
  const scopes = flow.portal.connection?.scopes ?? [];
  return {
    flowId: flow.id,
    rules: effectiveRules(flow, flow.alertRules),
    members,
    owner: members.find((member) => member.id === flow.ownerId) ?? null,
    canEdit: viewer.role === 'admin' || viewer.role === 'lead',
    missingImScope: scopes.length > 0 && !scopes.includes('im'),
    log: await alertLog(db, viewer, flow.id),
  };
}
