import { timingSafeEqual } from 'node:crypto';
import { Bitrix24Client, type Bitrix24ClientOptions } from '@/lib/bitrix24/client';
import { OperatingBudget } from '@/lib/bitrix24/rate-limiter';
import type { PrismaClient } from '@/lib/db/client';
import type { PortalKind } from '@/lib/db/generated/client';
import { isUniqueViolation } from '@/lib/db/unique-violation';
import type { SecretBox } from '@/lib/security/secret-box';
import { appKeysFor } from './app-keys';
import { appTokenStore, type AppKeys } from './app-token-store';
import { SharedLeakyBucket } from './shared-rate-limit';

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
  /** The token the portal puts in every event it posts (docs/bitrix24.md, "Calling Bitrix24"); events are refused without it. */
  applicationToken?: string | null;
  scopes: string[];
};

export async function saveWebhookConnection(
  db: PrismaClient,
  box: SecretBox,
  input: WebhookConnectionInput,
): Promise<{ portalId: string }> {
  const { identity } = input;
  return db.$transaction(async (tx) => {
    const portal = await tx.portal.upsert({
      where: { memberId: identity.memberId },
      create: {
        memberId: identity.memberId,
        domain: identity.domain,
        kind: identity.kind,
        timeZoneOffset: identity.timeZoneOffset,
      },
      update: { domain: identity.domain, kind: identity.kind, timeZoneOffset: identity.timeZoneOffset },
      select: { id: true },
    });
    const connection = {
      kind: identity.kind,
      sealedWebhookUrl: box.seal(input.webhookUrl, 'portal_connection.sealedWebhookUrl'),
      restEndpoint: null,
      sealedAccessToken: null,
      sealedRefreshToken: null,
      sealedApplicationToken: input.applicationToken
        ? box.seal(input.applicationToken, 'portal_connection.sealedApplicationToken')
        : null,
      scopes: input.scopes,
      lastError: null,
      lastCheckedAt: new Date(),
    };
    await tx.portalConnection.upsert({
      where: { portalId: portal.id },
      create: { portalId: portal.id, ...connection },
      update: connection,
    });
    return { portalId: portal.id };
  });
}

type SharedLimits = { limiter: SharedLeakyBucket; budget: OperatingBudget };
const limitsByPortal = new Map<string, SharedLimits>();

/** The portal's limits as this instance counts them: the request bucket in the database, shared by all instances. */
function sharedLimits(db: PrismaClient, portalId: string): SharedLimits {
  let limits = limitsByPortal.get(portalId);
  if (!limits) {
    limits = { limiter: new SharedLeakyBucket(db, portalId), budget: new OperatingBudget() };
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

/** A REST client for a connected portal: by its webhook, or as the installed app with its tokens (lib/portals/app-token-store.ts). */
export async function portalClient(
  db: PrismaClient,
  box: SecretBox,
  portalId: string,
  options: Pick<Bitrix24ClientOptions, 'maxRetries' | 'onRetry'> & { appKeys?: AppKeys | null } = {},
): Promise<Bitrix24Client> {
  const { appKeys, ...clientOptions } = options;
  const connection = await db.portalConnection.findUnique({
    where: { portalId },
    select: { sealedWebhookUrl: true, restEndpoint: true, sealedRefreshToken: true },
  });
  if (connection?.sealedWebhookUrl) {
    return new Bitrix24Client({
      connection: { kind: 'webhook', url: box.open(connection.sealedWebhookUrl, 'portal_connection.sealedWebhookUrl') },
      ...sharedLimits(db, portalId),
      ...clientOptions,
    });
  }
  if (connection?.restEndpoint && connection.sealedRefreshToken) {
    const tokens = appTokenStore(
      db,
      box,
      portalId,
      appKeys === undefined ? (await appKeysFor(db, box, portalId)).keys : appKeys,
    );
    return new Bitrix24Client({
      connection: { kind: 'oauth', endpoint: connection.restEndpoint, tokens },
      ...sharedLimits(db, portalId),
      ...clientOptions,
    });
  }
  throw new PortalNotConnectedError(portalId);
}

/** Who an event says it comes from: its `auth` block (b24restdocs `local-integrations/local-webhooks.md`). */
export type EventSender = { memberId: string; domain: string | null; applicationToken: string };

function sameToken(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A host name as events carry it in `auth[domain]`; anything else is not stored. */
const hostName = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;

/**
 * The connected portal that posted an event, when its token matches the stored one (compared in
 * constant time). A portal is found by its member id, or, while it is known only by the address
 * of its webhook (webhook answers carry neither member_id nor the portal's domain), by that
 * token alone. The first event whose token is right tells the real member id and the portal's
 * domain, which are kept from then on: later events must carry that member id. Bitrix24 sign-in
 * matches the same member id (lib/auth/bitrix24-sign-in.ts).
 */
export async function portalForEvent(
  db: PrismaClient,
  box: SecretBox,
  sender: EventSender,
): Promise<{ id: string } | null> {
  const candidates = await db.portal.findMany({
    where: { OR: [{ memberId: sender.memberId }, { kind: { in: ['webhook', 'demo'] } }], connection: { isNot: null } },
    select: { id: true, memberId: true, domain: true, connection: { select: { sealedApplicationToken: true } } },
  });
  const portal = candidates
    // A webhook portal (and the demo portal, connected the same way) is stored under its address until an event tells its member id.
    .filter((candidate) => candidate.memberId === sender.memberId || candidate.memberId === candidate.domain)
    .find((candidate) => {
      const sealed = candidate.connection?.sealedApplicationToken;
      return (
        sealed !== null &&
        sealed !== undefined &&
        sameToken(box.open(sealed, 'portal_connection.sealedApplicationToken'), sender.applicationToken)
      );
    });
  if (!portal) return null;
  if (portal.memberId !== sender.memberId) {
    const domain = sender.domain?.toLowerCase() ?? '';
    await learnIdentity(db, portal.id, portal.memberId, sender.memberId, hostName.test(domain) ? domain : null);
  }
  return { id: portal.id };
}

/** Stores the member id (and domain) an authentic event told; a row that already has that id (a renamed portal) keeps it, and this one stays known by its address. */
async function learnIdentity(
  db: PrismaClient,
  portalId: string,
  placeholder: string,
  memberId: string,
  domain: string | null,
): Promise<void> {
  try {
    await db.portal.updateMany({
      where: { id: portalId, memberId: placeholder },
      data: { memberId, ...(domain ? { domain } : {}) },
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    console.warn(
      `[events] portal ${placeholder} sent member id ${memberId}, which another portal row already has; it stays known by its domain`,
    );
  }
}
