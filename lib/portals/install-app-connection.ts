import { z } from 'zod';
import { consumeToken, findUsableToken, issueAccountToken } from '@/lib/auth/account-tokens';
import { leaveDemoMode } from '@/lib/auth/demo-accounts';
import { Bitrix24Client, type Bitrix24ClientOptions } from '@/lib/bitrix24/client';
import { Bitrix24Error } from '@/lib/bitrix24/errors';
import { parsePhpQuery, PhpQueryError } from '@/lib/bitrix24/php-query';
import type { PrismaClient } from '@/lib/db/client';
import type { SecretBox } from '@/lib/security/secret-box';

/**
 * Connecting a portal as a Bitrix24 local application that "uses API only" (b24restdocs
 * `settings/app-installation/local-apps/installation-callback.md`): when the admin saves the
 * app's form, Bitrix24 posts ONAPPINSTALL with a token pair and the application token
 * (`api-reference/common/events/on-app-install.md`) to the "Initial installation path", which is
 * Flowpilot's install URL carrying a one-time state an admin made in Settings. Nothing in the
 * post is trusted until the state is spent and the tokens answer on the portal: `app.info` (an
 * app's context, `api-reference/common/system/app-info.md`) and `profile` (an administrator,
 * `api-reference/common/users/profile.md`). Then the tokens are stored sealed, the task events
 * and ONAPPUNINSTALL are bound with event.bind (`api-reference/events/event-bind.md`: apps only)
 * and the first full sync starts.
 */
/** How long an install link made in Settings stays usable. */
export const installLinkTtlMs = 24 * 3_600_000;

/** The events Flowpilot binds as an app; events bound to the events route. */
export const appEvents = ['ONTASKADD', 'ONTASKUPDATE', 'ONTASKDELETE', 'ONAPPUNINSTALL'] as const;

const installPost = z.object({
  event: z
    .string()
    .transform((name) => name.toUpperCase())
    .pipe(z.literal('ONAPPINSTALL')),
  auth: z.object({
    access_token: z.string().min(1).max(500),
    refresh_token: z.string().min(1).max(500),
    expires_in: z.coerce.number().int().positive().max(86_400),
    scope: z.string().max(1_000).default(''),
    domain: z.string().min(1).max(300),
    client_endpoint: z.string().url().max(500),
    server_endpoint: z.string().url().max(500).optional(),
    member_id: z.string().min(1).max(64),
    application_token: z.string().min(1).max(200),
  }),
});

export const appInfoAnswer = z.object({
  STATUS: z.string(),
  INSTALLED: z.union([z.boolean(), z.literal('Y'), z.literal('N')]),
});
export const profileAnswer = z.object({ ID: z.coerce.number().int().positive(), ADMIN: z.boolean() });
const serverTime = z.string().regex(/([+-]\d{2}:\d{2})$/);

export class InstallRefusedError extends Error {
  constructor(
    readonly status: 400 | 403,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'InstallRefusedError';
  }
}

/** A new install link's state: usable once, within installLinkTtlMs, made by this admin. */
export function issueInstallState(db: PrismaClient, adminId: string): Promise<string> {
  return issueAccountToken(db, 'app_install', { userId: adminId, ttlMs: installLinkTtlMs });
}

export type InstallDependencies = {
  /** The events route's public address (APP_URL + /api/bitrix24/events). */
  eventsUrl: string;
  startSync: (portalId: string) => Promise<{ started: boolean }>;
  /** For tests: the client's transport. */
  client?: Pick<Bitrix24ClientOptions, 'fetch'>;
};

export function readInstallPost(body: string, contentType: string): z.infer<typeof installPost> {
  let fields: unknown;
  try {
    fields = contentType.includes('application/json') ? JSON.parse(body) : parsePhpQuery(body);
  } catch (error) {
    if (error instanceof PhpQueryError || error instanceof SyntaxError)
      throw new InstallRefusedError(400, 'invalid_install', 'The body is not a Bitrix24 installation post.');
    throw error;
  }
  const parsed = installPost.safeParse(fields);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InstallRefusedError(
      400,
      'invalid_install',
      `Not a Bitrix24 installation post: ${issue.path.join('.') || 'body'}: ${issue.message}.`,
    );
  }
  return parsed.data;
}

/**
 * Where this connection refreshes its tokens. `server_endpoint` names the OAuth server's REST
 * (`https://oauth.bitrix.info/rest/` for Bitrix24's cloud); a self-hosted portal serves OAuth at
 * its own address. Only that case is taken from the post, because client_secret goes there: any
 * other address falls back to the deployment's BITRIX24_OAUTH_SERVER_URL.
 */
function ownOAuthServer(auth: { client_endpoint: string; server_endpoint?: string | undefined }): string | null {
  if (!auth.server_endpoint) return null;
  const portal = new URL(auth.client_endpoint).origin;
  return new URL(auth.server_endpoint).origin === portal ? portal : null;
}

/**
 * Binds one event to the events route. A handler still bound from an earlier installation is
 * refused with ERROR_HANDLER_ALREADY_EXIST (b24restdocs `error-codes.md`): it is bound, as wanted.
 */
async function bindEvent(client: Bitrix24Client, event: string, handler: string): Promise<void> {
  try {
    await client.call('event.bind', { event, handler });
  } catch (error) {
    if (!(error instanceof Bitrix24Error && error.details.code === 'ERROR_HANDLER_ALREADY_EXIST')) throw error;
  }
}

export async function installAppConnection(
  db: PrismaClient,
  box: SecretBox,
  request: { state: string; body: string; contentType: string },
  deps: InstallDependencies,
): Promise<{ portalId: string; syncStarted: boolean; eventsBound: boolean }> {
  if (!(await findUsableToken(db, request.state, 'app_install')))
    throw new InstallRefusedError(
      403,
      'invalid_state',
      'This install link is unknown, used or expired; make a new one in Settings → Bitrix24.',
    );
  const { auth } = readInstallPost(request.body, request.contentType);
  // Spent before anything is called: a link works once, whatever happens next.
  if (!(await consumeToken(db, request.state)))
    throw new InstallRefusedError(403, 'invalid_state', 'This install link was just used.');

  const tokens = { accessToken: auth.access_token, refreshToken: auth.refresh_token };
  const client = new Bitrix24Client({
    connection: {
      kind: 'oauth',
      endpoint: auth.client_endpoint,
      tokens: {
        current: async () => tokens,
        refresh: async () => Promise.reject(new Error('Fresh install tokens expired.')),
      },
    },
    maxRetries: 1,
    ...deps.client,
  });
  let offset: string;
  try {
    const info = (await client.call('app.info', {}, appInfoAnswer)).result;
    if (info.INSTALLED === false || info.INSTALLED === 'N')
      throw new InstallRefusedError(403, 'not_installed', 'Bitrix24 says the app is not installed.');
    const who = (await client.call('profile', {}, profileAnswer)).result;
    if (!who.ADMIN)
      throw new InstallRefusedError(
        403,
        'not_admin',
        'The app must be installed by a portal administrator: only an administrator sees every task.',
      );
    offset = serverTime.parse((await client.call('server.time')).result).slice(-6);
  } catch (error) {
    if (error instanceof InstallRefusedError) throw error;
    const reason = error instanceof Bitrix24Error ? error.message : 'the portal did not answer as Bitrix24';
    throw new InstallRefusedError(
      403,
      'tokens_refused',
      `The installation's tokens do not work on ${new URL(auth.client_endpoint).host}: ${reason}`,
    );
  }

  const domain = auth.domain.toLowerCase();
  const portalId = await db.$transaction(async (tx) => {
    // The portal may be known already: by this member id, or by its domain while it was a webhook portal.
    const known = await tx.portal.findFirst({
      where: { OR: [{ memberId: auth.member_id }, { memberId: domain, domain }] },
      orderBy: { createdAt: 'asc' },
      select: { id: true },
    });
    const portal = known
      ? await tx.portal.update({
          where: { id: known.id },
          data: { memberId: auth.member_id, domain, kind: 'oauth', timeZoneOffset: offset, appUninstalledAt: null },
          select: { id: true },
        })
      : await tx.portal.create({
          data: { memberId: auth.member_id, domain, kind: 'oauth', timeZoneOffset: offset },
          select: { id: true },
        });
    const connection = {
      kind: 'oauth' as const,
      sealedWebhookUrl: null,
      restEndpoint: auth.client_endpoint,
      sealedAccessToken: box.seal(auth.access_token, 'portal_connection.sealedAccessToken'),
      sealedRefreshToken: box.seal(auth.refresh_token, 'portal_connection.sealedRefreshToken'),
      accessTokenExpiresAt: new Date(Date.now() + auth.expires_in * 1000),
      sealedApplicationToken: box.seal(auth.application_token, 'portal_connection.sealedApplicationToken'),
      scopes: auth.scope.split(/[\s,]+/).filter(Boolean),
      oauthServerUrl: ownOAuthServer(auth),
      appClientId: null,
      sealedAppClientSecret: null,
      lastError: null,
      lastCheckedAt: new Date(),
      connectedAt: new Date(),
    };
    await tx.portalConnection.upsert({
      where: { portalId: portal.id },
      create: { portalId: portal.id, ...connection },
      update: connection,
    });
    return portal.id;
  });

  const { count: removedDemoPortals } = await db.portal.deleteMany({ where: { kind: 'demo', id: { not: portalId } } });
  if (removedDemoPortals > 0) await leaveDemoMode(db);

  let eventsBound = true;
  try {
    for (const event of appEvents) await bindEvent(client, event, deps.eventsUrl);
  } catch (error) {
    eventsBound = false;
    const message = error instanceof Error ? error.message : String(error);
    await db.portalConnection.update({
      where: { portalId },
      data: { lastError: `Task events could not be bound (${message}); the scheduled syncs still catch every change.` },
    });
  }
  let syncStarted = false;
  try {
    syncStarted = (await deps.startSync(portalId)).started;
  } catch (error) {
    console.error(
      `[install] connected ${domain} as an app but could not start its first sync: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return { portalId, syncStarted, eventsBound };
}
