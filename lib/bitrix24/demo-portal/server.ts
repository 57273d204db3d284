import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DemoCompany } from './company';
import { handleAuthorizePost, handleToken, readBody, renderAuthorizePage } from './oauth-routes';
import { OAuthState, type OAuthApp } from './oauth-state';

/**
 * The demo portal: a local HTTP server that speaks Bitrix24's protocol for one generated
 * company. Today it serves OAuth (authorize, token) and `user.current`; the REST methods the
 * sync uses join it with the Bitrix24 client.
 */
export type DemoPortalOptions = { company: DemoCompany; oauthApps?: OAuthApp[]; port?: number; host?: string };
export type DemoPortal = { url: string; oauth: OAuthState; stop: () => Promise<void> };

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
}

function timeBlock(started: number) {
  const finish = Date.now();
  return {
    start: started / 1000,
    finish: finish / 1000,
    duration: (finish - started) / 1000,
    processing: (finish - started) / 1000,
    date_start: new Date(started).toISOString(),
    date_finish: new Date(finish).toISOString(),
  };
}

async function handle(options: DemoPortalOptions, oauth: OAuthState, baseUrl: () => string, request: IncomingMessage, response: ServerResponse) {
  const started = Date.now();
  const url = new URL(request.url ?? '/', 'http://portal.invalid');
  const body = request.method === 'POST' ? await readBody(request) : '';
  const form = new URLSearchParams(body);
  const path = url.pathname.replace(/\/+$/, '/');

  if (path === '/oauth/authorize/' && request.method === 'GET') {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(renderAuthorizePage(options.company, url.searchParams));
    return;
  }
  if (path === '/oauth/authorize/' && request.method === 'POST') return handleAuthorizePost(oauth, options.company, form, response, send);
  if (path === '/oauth/token/') return handleToken(oauth, options.company, baseUrl(), url.searchParams, response, send);

  const rest = /^\/rest\/([\w.]+?)(?:\.json)?\/?$/.exec(url.pathname);
  if (rest) {
    const method = rest[1]!.toLowerCase();
    const token = url.searchParams.get('auth') ?? form.get('auth') ?? '';
    const check = oauth.checkAccessToken(token);
    if (check === 'expired') return send(response, 401, { error: 'expired_token', error_description: 'The access token provided has expired.' });
    if (check === 'invalid') return send(response, 401, { error: 'invalid_token', error_description: 'The access token provided is invalid.' });
    if (method === 'user.current') {
      const user = options.company.users.find((candidate) => Number(candidate.ID) === check.userId);
      return send(response, 200, { result: user, time: timeBlock(started) });
    }
    return send(response, 404, { error: 'ERROR_METHOD_NOT_FOUND', error_description: 'Method not found!' });
  }
  send(response, 404, { error: 'NOT_FOUND', error_description: 'Not found' });
}

export async function startDemoPortal(options: DemoPortalOptions): Promise<DemoPortal> {
  const oauth = new OAuthState(options.oauthApps ?? []);
  let url = '';
  const server = http.createServer((request, response) => {
    handle(options, oauth, () => url, request, response).catch((error: unknown) => {
      if (!response.headersSent) send(response, 500, { error: 'INTERNAL_SERVER_ERROR', error_description: String(error) });
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  url = `http://${options.host ?? '127.0.0.1'}:${port}`;
  return {
    url,
    oauth,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
