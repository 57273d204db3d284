import { randomBytes } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import { generate } from 'selfsigned';
import type { AddressInfo } from 'node:net';
import { parsePhpQuery, PhpQueryError } from '@/lib/bitrix24/php-query';
import type { DemoCompany } from './company';
import {
  deleteLocalApp,
  localAppsPath,
  renderLocalApps,
  saveLocalApp,
  type LocalApp,
  type LocalAppsContext,
} from './local-apps';
import { handleAuthorizePost, handleToken, renderAuthorizePage } from './oauth-routes';
import { OAuthState, type OAuthApp } from './oauth-state';
import { deliverTaskEvent } from './portal-events';
import { noFaults, type PortalFaults } from './portal-faults';
import { defaultLimits, PortalLimits, type LimitSettings } from './portal-limits';
import { PortalState } from './portal-state';
import { readBody } from './read-body';
import { maxMoveOnDays, moveOn, moveOnSchema } from './time-travel';
import { runBatch } from './rest/batch';
import { RestError } from './rest/rest-error';
import type { Caller, RestAnswer, RestContext, RestOptions } from './rest/rest-method';
import { allScopes, dispatch, findMethod } from './rest/registry';

/**
 * The demo portal: a local HTTP server that speaks Bitrix24's REST protocol (docs/bitrix24-client.md, "The demo portal") for
 * one company: webhook and OAuth calls, JSON / form / GET bodies with PHP brackets,
 * case-insensitive methods, `{result, time}` envelopes, paging, batch, scopes, the leaky-bucket
 * limit and operating-time budget, task events, OAuth, and fault switches for tests.
 */
export type Webhook = { userId: number; code: string; scopes: string[] };

export type DemoPortalOptions = {
  company: DemoCompany;
  webhooks?: Webhook[];
  oauthApps?: OAuthApp[];
  port?: number;
  host?: string;
  limits?: Partial<LimitSettings>;
  faults?: Partial<PortalFaults>;
  /** Whether tasks.task.list honours the undocumented FLOW_ID filter (default no: a portal may ignore it silently). */
  flowIdFilter?: boolean;
  flowsEnabled?: boolean;
  /** The portal's language for error texts (default Russian). */
  language?: 'ru' | 'en';
  /** Portal administrators (default: the first active user, as the portal's creator is). */
  admins?: number[];
  /** Serve HTTPS with a generated self-signed certificate, for clients that insist on https (the official SDK). */
  https?: boolean;
  random?: () => number;
};

export type DemoPortal = {
  url: string;
  /** The first webhook's URL, for clients: <url>/rest/<user>/<code>/ */
  webhookUrl: string;
  webhooks: Webhook[];
  state: PortalState;
  oauth: OAuthState;
  limits: PortalLimits;
  faults: PortalFaults;
  options: RestOptions;
  /** The self-signed certificate (PEM) when serving HTTPS, for clients to trust. */
  certificate: string | null;
  /** Resolves when every event fired so far has been delivered (or dropped). */
  eventsSettled: () => Promise<void>;
  stop: () => Promise<void>;
};

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
}

function sendError(response: ServerResponse, error: RestError): void {
  send(response, error.status, { error: error.error, error_description: error.description });
}

function timeBlock(started: number, usage?: { operating: number; resetAt: number }) {
  const finish = Date.now();
  const seconds = (finish - started) / 1000;
  return {
    start: started / 1000,
    finish: finish / 1000,
    duration: seconds,
    processing: seconds,
    date_start: new Date(started).toISOString(),
    date_finish: new Date(finish).toISOString(),
    ...(usage ? { operating_reset_at: usage.resetAt, operating: Number(usage.operating.toFixed(4)) } : {}),
  };
}

/** Bodies as Bitrix24 accepts them: JSON, form-urlencoded or multipart with PHP brackets. */
function parseBody(contentType: string, body: string): Record<string, unknown> {
  if (!body) return {};
  if (contentType.includes('application/json')) {
    const value: unknown = JSON.parse(body);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  }
  if (contentType.includes('multipart/form-data')) {
    const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
    const marker = boundary?.[1] ?? boundary?.[2];
    if (!marker) return {};
    const pairs = body
      .split(`--${marker}`)
      .map((part) => /name="([^"]+)"\r?\n\r?\n([\s\S]*?)\r?\n$/.exec(part))
      .filter((match): match is RegExpExecArray => match !== null)
      .map((match) => `${encodeURIComponent(match[1]!)}=${encodeURIComponent(match[2]!)}`);
    return parsePhpQuery(pairs.join('&'));
  }
  return parsePhpQuery(body);
}

export async function startDemoPortal(options: DemoPortalOptions): Promise<DemoPortal> {
  const state = new PortalState(options.company);
  const oauth = new OAuthState(options.oauthApps ?? []);
  const limits = new PortalLimits({ ...defaultLimits, ...options.limits });
  const faults: PortalFaults = { ...noFaults, ...options.faults };
  const random = options.random ?? Math.random;
  const firstActive = options.company.users.find((user) => user.ACTIVE);
  const webhooks = options.webhooks ?? [
    { userId: Number(firstActive?.ID ?? 1), code: randomBytes(8).toString('hex'), scopes: allScopes },
  ];
  let url = '';
  const deliveries: Promise<void>[] = [];
  const restOptions: RestOptions = {
    flowIdFilter: options.flowIdFilter ?? false,
    flowsEnabled: options.flowsEnabled ?? true,
    language: options.language ?? 'ru',
    admins: options.admins ?? (firstActive ? [Number(firstActive.ID)] : []),
    baseUrl: () => url,
    fireEvent: (event, taskId) => {
      deliveries.push(...deliverTaskEvent(state, url, event, taskId, () => random() < faults.dropEventRate));
    },
  };

  function callerFor(pathname: string, token: string | undefined): Caller | RestError {
    const hook = /^\/rest\/(\d+)\/([^/]+)\//.exec(pathname);
    if (hook) {
      const webhook = webhooks.find((candidate) => candidate.code === hook[2] && String(candidate.userId) === hook[1]);
      if (!webhook || faults.revokedWebhooks.includes(webhook.code))
        return new RestError(401, 'NO_AUTH_FOUND', 'Wrong authorization data');
      return { userId: webhook.userId, key: `webhook:${webhook.code}`, scopes: webhook.scopes, clientId: null };
    }
    if (!token) return new RestError(401, 'NO_AUTH_FOUND', 'Wrong authorization data');
    const check = oauth.checkAccessToken(token, faults.tokenLifetimeMs);
    if (check === 'expired') return new RestError(401, 'expired_token', 'The access token provided has expired.');
    if (check === 'invalid') return new RestError(401, 'invalid_token', 'The access token provided is invalid.');
    return {
      userId: check.userId,
      key: `oauth:${check.clientId}`,
      scopes: oauth.app(check.clientId)?.scopes ?? allScopes,
      clientId: check.clientId,
    };
  }

  async function runMethod(
    context: RestContext,
    method: string,
    params: Record<string, unknown>,
  ): Promise<{ answer: RestAnswer; usage: { operating: number; resetAt: number } }> {
    const { caller } = context;
    if (limits.exhausted(caller.key, method, Date.now())) {
      // With no timings, as Bitrix24 sends it: the reset is in the last successful answer (b24restdocs settings/performance/limits.md).
      throw new RestError(
        429,
        'OPERATION_TIME_LIMIT',
        'Accumulated method execution time has exceeded the limit for the application or webhook',
      );
    }
    const started = Date.now();
    const answer = await dispatch(context, method, params);
    const cost = (findMethod(method)?.cost ?? 0.01) + faults.extraCostSeconds + (Date.now() - started) / 1000;
    limits.spend(caller.key, method, cost, Date.now());
    return { answer, usage: limits.usage(caller.key, method, Date.now()) };
  }

  async function handleRest(
    request: IncomingMessage,
    response: ServerResponse,
    pathname: string,
    query: string,
    body: string,
  ): Promise<void> {
    const started = Date.now();
    const method = /\/([\w.]+?)(?:\.json)?\/?$/.exec(pathname)?.[1] ?? '';
    let params: Record<string, unknown>;
    try {
      params = { ...parsePhpQuery(query), ...parseBody(String(request.headers['content-type'] ?? ''), body) };
    } catch (error) {
      const reason = error instanceof PhpQueryError ? error.message : 'The request body is not valid JSON.';
      return sendError(response, new RestError(400, 'INVALID_REQUEST', reason));
    }
    const caller = callerFor(pathname, typeof params.auth === 'string' ? params.auth : undefined);
    if (caller instanceof RestError) return sendError(response, caller);
    delete params.auth;
    if (!limits.admit(request.socket.remoteAddress ?? 'local', Date.now())) {
      return sendError(response, new RestError(503, 'QUERY_LIMIT_EXCEEDED', 'Too many requests'));
    }
    if (faults.slowMs > 0) await new Promise((resolve) => setTimeout(resolve, faults.slowMs));
    if (faults.errorRate > 0 && random() < faults.errorRate) {
      return sendError(response, new RestError(500, 'INTERNAL_SERVER_ERROR', 'Internal server error'));
    }
    const context: RestContext = { state, caller, options: restOptions };
    try {
      if (method.toLowerCase() === 'batch') {
        const answer = await runBatch(params, (name, subParams) => runMethod(context, name, subParams));
        return send(response, 200, { ...answer, time: timeBlock(started) });
      }
      const { answer, usage } = await runMethod(context, method, params);
      send(response, 200, {
        result: answer.result,
        ...(answer.total !== undefined ? { total: answer.total } : {}),
        ...(answer.next !== undefined ? { next: answer.next } : {}),
        time: timeBlock(started, usage),
      });
    } catch (error) {
      if (!(error instanceof RestError)) throw error;
      sendError(response, error);
    }
  }

  function handleControl(body: string, response: ServerResponse): void {
    const change = JSON.parse(body || '{}') as {
      faults?: Partial<PortalFaults>;
      limits?: Partial<LimitSettings>;
      flowIdFilter?: boolean;
      flowsEnabled?: boolean;
      language?: 'ru' | 'en';
      admins?: number[];
      moveOn?: unknown;
    };
    if (change.moveOn !== undefined) {
      const parsed = moveOnSchema.safeParse(change.moveOn);
      if (!parsed.success || !state.flows.has(parsed.data.flowId))
        return send(response, 400, {
          error: 'INVALID_MOVE_ON',
          error_description: `Give {days: 1–${maxMoveOnDays}, flowId} of a flow of the company.`,
        });
      return send(response, 200, moveOn(state, parsed.data));
    }
    Object.assign(faults, change.faults);
    limits.settings = { ...limits.settings, ...change.limits };
    if (change.flowIdFilter !== undefined) restOptions.flowIdFilter = change.flowIdFilter;
    if (change.flowsEnabled !== undefined) restOptions.flowsEnabled = change.flowsEnabled;
    if (change.language !== undefined) restOptions.language = change.language;
    if (change.admins !== undefined) restOptions.admins = change.admins;
    const { flowIdFilter, flowsEnabled, language, admins } = restOptions;
    send(response, 200, { faults, limits: limits.settings, flowIdFilter, flowsEnabled, language, admins });
  }

  const localApps: LocalApp[] = [];
  const appsContext = (): LocalAppsContext => ({
    state,
    oauth,
    baseUrl: url,
    apps: localApps,
    track: (more) => void deliveries.push(...more),
  });
  const html = (response: ServerResponse, status: number, text: string): void => {
    response.writeHead(status, { 'content-type': 'text/html; charset=utf-8' }).end(text);
  };

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const target = new URL(request.url ?? '/', 'http://portal.invalid');
    const body = request.method === 'POST' ? await readBody(request, 20_000_000) : '';
    const path = target.pathname;
    if (path === localAppsPath && request.method === 'GET') return html(response, 200, renderLocalApps(appsContext()));
    if (path === localAppsPath && request.method === 'POST') {
      const saved = await saveLocalApp(appsContext(), new URLSearchParams(body));
      return html(response, saved.status, saved.html);
    }
    if (path === `${localAppsPath}delete` && request.method === 'POST') {
      const deleted = deleteLocalApp(appsContext(), new URLSearchParams(body));
      return html(response, deleted.status, deleted.html);
    }
    if (path.replace(/\/+$/, '/') === '/oauth/authorize/') {
      if (request.method === 'POST')
        return handleAuthorizePost(oauth, options.company, new URLSearchParams(body), response, send);
      response
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end(renderAuthorizePage(options.company, target.searchParams));
      return;
    }
    if (path.replace(/\/+$/, '/') === '/oauth/token/')
      return handleToken(oauth, options.company, url, target.searchParams, response, send);
    if (path === '/_demo/control' && request.method === 'POST') return handleControl(body, response);
    // What im.notify.system.add delivered, for tests to read back (a real portal shows it in each user's bell).
    if (path === '/_demo/notifications' && request.method === 'GET') return send(response, 200, state.notifications);
    if (path.startsWith('/rest/api/'))
      return sendError(response, new RestError(404, 'ERROR_METHOD_NOT_FOUND', 'Method not found!'));
    if (path.startsWith('/rest/')) return handleRest(request, response, path, target.search.slice(1), body);
    send(response, 404, { error: 'NOT_FOUND', error_description: 'Not found' });
  }

  const listener = (request: IncomingMessage, response: ServerResponse) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent)
        send(response, 500, {
          error: 'INTERNAL_SERVER_ERROR',
          error_description: error instanceof Error ? error.message : 'error',
        });
    });
  };
  const host = options.host ?? '127.0.0.1';
  const tls = options.https
    ? await generate([{ name: 'commonName', value: 'localhost' }], {
        keySize: 2048,
        algorithm: 'sha256',
        extensions: [
          {
            name: 'subjectAltName',
            altNames: [
              { type: 2, value: 'localhost' },
              { type: 7, ip: host },
            ],
          },
        ],
      })
    : null;
  const server = tls ? https.createServer({ key: tls.private, cert: tls.cert }, listener) : http.createServer(listener);
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, host, resolve));
  const { port } = server.address() as AddressInfo;
  url = `${tls ? 'https' : 'http'}://${host}:${port}`;
  const first = webhooks[0]!;
  return {
    url,
    webhookUrl: `${url}/rest/${first.userId}/${first.code}/`,
    webhooks,
    state,
    oauth,
    limits,
    faults,
    options: restOptions,
    certificate: tls?.cert ?? null,
    eventsSettled: async () => {
      await Promise.all(deliveries);
    },
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
