import { timingSafeEqual } from 'node:crypto';
import { Bitrix24Client, type Bitrix24ClientOptions } from '@/lib/bitrix24/client';
import { LeakyBucketLimiter, OperatingBudget } from '@/lib/bitrix24/rate-limiter';
import type { PrismaClient } from '@/lib/db/client';
import type { PortalKind } from '@/lib/db/generated/client';
import type { SecretBox } from '@/lib/security/secret-box';

/**
 * How Flowpilot reaches a portal, stored with its secrets sealed (webhook URL, event token), and
 * the REST client made from it. Every caller of one portal in this process shares one rate
 * limiter and one operating budget, so the sync, event processing and user actions together
 * stay under the portal's limits.
 */
export type PortalIdentity = { memberId: string; domain: string; kind: PortalKind; timeZoneOffset: string };

export type WebhookConnectionInput = {
  identity: PortalIdentity;
  webhookUrl: string;
  /** The token the portal puts in every event it posts (reference §1.4); events are refused without it. */
  applicationToken?: string | null;
  scopes: string[];
};

export async function saveWebhookConnection(db: PrismaClient, box: SecretBox, input: WebhookConnectionInput): Promise<{ portalId: string }> {
  const { identity } = input;
  return db.$transaction(async (tx) => {
    const portal = await tx.portal.upsert({
      where: { memberId: identity.memberId },
      create: { memberId: identity.memberId, domain: identity.domain, kind: identity.kind, timeZoneOffset: identity.timeZoneOffset },
      update: { domain: identity.domain, kind: identity.kind, timeZoneOffset: identity.timeZoneOffset },
      select: { id: true },
    });
    const connection = {
      kind: identity.kind,
      sealedWebhookUrl: box.seal(input.webhookUrl, 'portal_connection.sealedWebhookUrl'),
      restEndpoint: null,
      sealedAccessToken: null,
      sealedRefreshToken: null,
      sealedApplicationToken: input.applicationToken ? box.seal(input.applicationToken, 'portal_connection.sealedApplicationToken') : null,
      scopes: input.scopes,
      lastError: null,
      lastCheckedAt: new Date(),
    };
    await tx.portalConnection.upsert({ where: { portalId: portal.id }, create: { portalId: portal.id, ...connection }, update: connection });
    return { portalId: portal.id };
  });
}

type SharedLimits = { limiter: LeakyBucketLimiter; budget: OperatingBudget };
const limitsByPortal = new Map<string, SharedLimits>();

function sharedLimits(portalId: string): SharedLimits {
  let limits = limitsByPortal.get(portalId);
  if (!limits) {
    limits = { limiter: new LeakyBucketLimiter(), budget: new OperatingBudget() };
    limitsByPortal.set(portalId, limits);
  }
  return limits;
}

export class PortalNotConnectedError extends Error {
  constructor(readonly portalId: string) {
    super('This portal has no connection. An admin connects it in Settings → Bitrix24.');
    this.name = 'PortalNotConnectedError';
  }
}

/** A REST client for a connected portal. */
export async function portalClient(
  db: PrismaClient,
  box: SecretBox,
  portalId: string,
  options: Pick<Bitrix24ClientOptions, 'maxRetries' | 'onRetry'> = {},
): Promise<Bitrix24Client> {
  const connection = await db.portalConnection.findUnique({ where: { portalId }, select: { sealedWebhookUrl: true } });
  if (!connection?.sealedWebhookUrl) throw new PortalNotConnectedError(portalId);
  return new Bitrix24Client({ connection: { kind: 'webhook', url: box.open(connection.sealedWebhookUrl, 'portal_connection.sealedWebhookUrl') }, ...sharedLimits(portalId), ...options });
}

/** The connected portal that posted an event, when its token matches the stored one (compared in constant time). */
export async function portalForEvent(db: PrismaClient, box: SecretBox, memberId: string, applicationToken: string): Promise<{ id: string } | null> {
  const portal = await db.portal.findUnique({ where: { memberId }, select: { id: true, connection: { select: { sealedApplicationToken: true } } } });
  const sealed = portal?.connection?.sealedApplicationToken;
  if (!portal || !sealed) return null;
  const expected = Buffer.from(box.open(sealed, 'portal_connection.sealedApplicationToken'));
  const given = Buffer.from(applicationToken);
  return expected.length === given.length && timingSafeEqual(expected, given) ? { id: portal.id } : null;
}
