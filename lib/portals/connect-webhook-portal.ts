import { leaveDemoMode, type DemoAccountsState } from '@/lib/auth/demo-accounts';
import type { PrismaClient } from '@/lib/db/client';
import type { SecretBox } from '@/lib/security/secret-box';
import type { ConnectionReport } from './connection-report';
import { saveWebhookConnection } from './portal-connection';
import { testPortalConnection, type TestConnectionOptions } from './test-portal-connection';
import { redactedWebhookUrl, withoutSecret, type ParsedWebhookUrl } from './webhook-url';

/**
 * Connecting a portal by its incoming webhook: test first and refuse while anything needed is
 * missing; store the URL and the outgoing webhook's token sealed; drop the demo portal (its
 * mirror goes with it, and the demo accounts are switched off); start the first full sync.
 *
 * A webhook's REST answers carry no `member_id` (only OAuth installs get one), so a webhook
 * portal is known by its domain, stored as `Portal.memberId`, until the first event with the
 * right token tells the real member id (lib/portals/portal-connection.ts, portalForEvent). A portal row that already has
 * that domain (for example one created when someone signed in with Bitrix24, keyed by the real
 * member_id) is reused, so its mirror and its users' links stay one portal. If the portal's
 * domain is renamed, connecting the new address makes a new portal row.
 */
export type ConnectWebhookInput = { webhook: ParsedWebhookUrl; applicationToken?: string | null };

export type ConnectWebhookResult =
  | { connected: false; report: ConnectionReport }
  | {
      connected: true;
      report: ConnectionReport;
      portalId: string;
      removedDemoPortals: number;
      demoModeEnded: DemoAccountsState | null;
      syncStarted: boolean;
    };

export type ConnectWebhookDependencies = {
  /** Starts the first full sync of the portal (the action passes requestSync with the app's job queue). */
  startSync: (portalId: string) => Promise<{ started: boolean }>;
  test?: TestConnectionOptions;
};

/** The memberId a webhook portal is stored under: the existing row's with that domain, else the domain itself. */
export async function webhookPortalMemberId(db: PrismaClient, domain: string): Promise<string> {
  const existing = await db.portal.findFirst({
    where: { OR: [{ memberId: domain }, { domain, kind: { not: 'demo' } }] },
    orderBy: { createdAt: 'asc' },
    select: { memberId: true },
  });
  return existing?.memberId ?? domain;
}

export async function connectWebhookPortal(
  db: PrismaClient,
  box: SecretBox,
  input: ConnectWebhookInput,
  deps: ConnectWebhookDependencies,
): Promise<ConnectWebhookResult> {
  const { webhook } = input;
  const report = await testPortalConnection(webhook, deps.test);
  if (!report.canConnect || !report.timeZoneOffset) return { connected: false, report };

  const memberId = await webhookPortalMemberId(db, webhook.domain);
  // Reconnecting with a new incoming webhook keeps the outgoing webhook's token unless a new one is given.
  let applicationToken = input.applicationToken?.trim() || null;
  if (!applicationToken) {
    const sealed = (
      await db.portal.findUnique({
        where: { memberId },
        select: { connection: { select: { sealedApplicationToken: true } } },
      })
    )?.connection?.sealedApplicationToken;
    applicationToken = sealed ? box.open(sealed, 'portal_connection.sealedApplicationToken') : null;
  }
  const { portalId } = await saveWebhookConnection(db, box, {
    identity: { memberId, domain: webhook.domain, kind: 'webhook', timeZoneOffset: report.timeZoneOffset },
    webhookUrl: webhook.baseUrl,
    applicationToken,
    scopes: report.grantedScopes,
  });

  // The demo portal goes once a real one is connected: deleting it cascades to its mirror.
  const { count: removedDemoPortals } = await db.portal.deleteMany({ where: { kind: 'demo', id: { not: portalId } } });
  const demoModeEnded = removedDemoPortals > 0 ? await leaveDemoMode(db) : null;

  let syncStarted = false;
  try {
    syncStarted = (await deps.startSync(portalId)).started;
  } catch (error) {
    // The connection stands: a run already recorded is picked up by the workers' scan for unheld
    // runs, and the scheduled syncs of every connected portal reach it too. The page says so.
    const message = error instanceof Error ? error.message : String(error);
    console.error(
      `[settings] connected ${redactedWebhookUrl(webhook)} but could not start its first sync: ${withoutSecret(message, webhook.code)}`,
    );
  }
  return { connected: true, report, portalId, removedDemoPortals, demoModeEnded, syncStarted };
}
