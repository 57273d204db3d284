import { ActionError } from '@/lib/errors/action-error';
import type { PrismaClient } from '@/lib/db/client';
import type { PortalKind, Prisma } from '@/lib/db/generated/client';
import { bitrix24AppKeys } from '@/lib/env';
import type { SecretBox } from '@/lib/security/secret-box';
import type { AppKeysSource } from './app-keys';
import { blockingSummary, type ConnectionReport } from './connection-report';
import { testPortalConnection, type TestConnectionOptions } from './test-portal-connection';
import { keepingSecret, parseWebhookUrl } from './webhook-url';

/**
 * The Settings → Bitrix24 section's reads and small writes. What leaves here for the browser is
 * the domain, kind, scopes, times and last error: never a sealed field, a webhook URL or a token.
 */
export type PortalSettings = {
  id: string;
  domain: string;
  kind: PortalKind;
  timeZoneOffset: string;
  /** The IANA zone the offset follows; null: the server clock's fixed offset (lib/sync/portal-time-zone.ts). */
  timeZone: string | null;
  manualFlowIds: number[];
  mirroredFlows: number;
  /** Known flows the last sync could not read, and whether its user was a portal admin then (null: not known yet). */
  unreadableFlowIds: number[];
  connectionUserIsAdmin: boolean | null;
  /** When the Bitrix24 app was uninstalled on the portal, if it was. */
  appUninstalledAt: Date | null;
  connection: {
    kind: PortalKind;
    scopes: string[];
    connectedAt: Date;
    lastCheckedAt: Date | null;
    lastError: string | null;
    /** Whether events from an outgoing webhook can be accepted (the token is stored). */
    acceptsEvents: boolean;
    /** An app connection's keys for refreshing its tokens: entered in Settings, the deployment's, or none (null for a webhook). */
    appKeys: AppKeysSource | null;
  } | null;
};

function appKeysSource(
  connection: { kind: PortalKind; appClientId: string | null; sealedAppClientSecret: string | null },
  deploymentHasAppKeys: boolean,
): AppKeysSource | null {
  if (connection.kind !== 'oauth') return null;
  if (connection.appClientId && connection.sealedAppClientSecret) return 'connection';
  return deploymentHasAppKeys ? 'environment' : 'missing';
}

/** Every portal, connected ones first. */
export async function listPortalSettings(
  db: PrismaClient,
  deploymentHasAppKeys = bitrix24AppKeys() !== null,
): Promise<PortalSettings[]> {
  const portals = await db.portal.findMany({
    orderBy: { createdAt: 'asc' },
    select: {
      id: true,
      domain: true,
      kind: true,
      timeZoneOffset: true,
      timeZone: true,
      manualFlowIds: true,
      unreadableFlowIds: true,
      connectionUserIsAdmin: true,
      appUninstalledAt: true,
      _count: { select: { flows: true } },
      connection: {
        select: {
          kind: true,
          scopes: true,
          connectedAt: true,
          lastCheckedAt: true,
          lastError: true,
          sealedApplicationToken: true,
          appClientId: true,
          sealedAppClientSecret: true,
        },
      },
    },
  });
  const settings = portals.map(({ connection, _count, ...portal }) => ({
    ...portal,
    manualFlowIds: [...portal.manualFlowIds].sort((a, b) => a - b),
    mirroredFlows: _count.flows,
    connection: connection && {
      kind: connection.kind,
      scopes: connection.scopes,
      connectedAt: connection.connectedAt,
      lastCheckedAt: connection.lastCheckedAt,
      lastError: connection.lastError,
      acceptsEvents: connection.sealedApplicationToken !== null,
      appKeys: appKeysSource(connection, deploymentHasAppKeys),
    },
  }));
  return [...settings.filter((portal) => portal.connection), ...settings.filter((portal) => !portal.connection)];
}

/** Ends the connection: no more syncs or events from this portal. The mirror stays, so pages keep their history. */
export async function disconnectPortal(db: PrismaClient, portalId: string): Promise<void> {
  const { count } = await db.portalConnection.deleteMany({ where: { portalId } });
  if (count === 0) throw new ActionError('not-connected', 'This portal is not connected.');
}

/** How many flow ids added by hand one portal keeps. */
export const maxManualFlowIds = 500;

/** The portal's flow ids added by hand, its row locked until the transaction ends: two admins' edits take turns, and neither loses the other's. */
async function manualIdsForUpdate(tx: Prisma.TransactionClient, portalId: string): Promise<number[]> {
  const [portal] = await tx.$queryRaw<{ manualFlowIds: number[] }[]>`
    SELECT "manualFlowIds" FROM portal WHERE id = ${portalId}::uuid FOR UPDATE`;
  if (!portal) throw new ActionError('not-found', 'No such portal.');
  return portal.manualFlowIds;
}

/** Adds flow ids the discovery cannot find (flows have no list method: docs/bitrix24.md, "Calling Bitrix24"); picked up by the next sync. Returns the new list. */
export async function addManualFlowIds(db: PrismaClient, portalId: string, flowIds: number[]): Promise<number[]> {
  return db.$transaction(async (tx) => {
    const current = await manualIdsForUpdate(tx, portalId);
    const next = [...new Set([...current, ...flowIds])].sort((a, b) => a - b);
    if (next.length > maxManualFlowIds)
      throw new ActionError('too-many', `A portal keeps at most ${maxManualFlowIds} flow ids added by hand.`);
    await tx.portal.update({ where: { id: portalId }, data: { manualFlowIds: next } });
    return next;
  });
}

export async function removeManualFlowId(db: PrismaClient, portalId: string, flowId: number): Promise<number[]> {
  return db.$transaction(async (tx) => {
    const next = (await manualIdsForUpdate(tx, portalId)).filter((id) => id !== flowId);
    await tx.portal.update({ where: { id: portalId }, data: { manualFlowIds: next } });
    return next;
  });
}

/**
 * Tests a connected portal again with its stored webhook, without the admin pasting the secret,
 * and records the outcome: when it was checked, the scopes now granted, and the blocking problem
 * (in English, like the sync's errors) or none.
 */
export async function recheckPortalConnection(
  db: PrismaClient,
  box: SecretBox,
  portalId: string,
  options?: TestConnectionOptions,
): Promise<ConnectionReport> {
  const connection = await db.portalConnection.findUnique({ where: { portalId }, select: { sealedWebhookUrl: true } });
  if (!connection) throw new ActionError('not-connected', 'This portal is not connected.');
  if (!connection.sealedWebhookUrl)
    throw new ActionError('not-webhook', 'Only webhook connections can be checked here.');
  const parsed = parseWebhookUrl(box.open(connection.sealedWebhookUrl, 'portal_connection.sealedWebhookUrl'));
  if (!parsed.ok)
    throw new ActionError('not-webhook', 'The stored webhook URL is not valid; connect the portal again.');
  const report = await keepingSecret(parsed.value.code, () => testPortalConnection(parsed.value, options));
  const reachable = report.checks[0]?.status === 'ok';
  await db.portalConnection.update({
    where: { portalId },
    data: {
      lastCheckedAt: new Date(report.checkedAt),
      lastError: blockingSummary(report),
      ...(reachable ? { scopes: report.grantedScopes } : {}),
    },
  });
  return report;
}
