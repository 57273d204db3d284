import type { ServerResponse } from 'node:http';
import type { DemoCompany } from './company';
import { escapeHtml } from './html';
import type { OAuthState } from './oauth-state';

/**
 * The demo portal's OAuth endpoints, as Bitrix24 has them: the portal's /oauth/authorize/ (a
 * page where the employee signs in and is sent back with a code) and the OAuth server's
 * /oauth/token/ (GET, for both grants). Here one server plays both hosts.
 */
type Send = (response: ServerResponse, status: number, body: unknown) => void;

function oauthError(send: Send, response: ServerResponse, status: number, error: string, description: string) {
  send(response, status, { error, error_description: description });
}

export function renderAuthorizePage(company: DemoCompany, query: URLSearchParams): string {
  const hidden = ['client_id', 'state', 'redirect_uri']
    .map((name) => `<input type="hidden" name="${name}" value="${escapeHtml(query.get(name) ?? '')}">`)
    .join('');
  const people = company.users
    .filter((user) => user.ACTIVE)
    .map(
      (user) =>
        `<li><button type="submit" name="user_id" value="${escapeHtml(user.ID)}">${escapeHtml(`${user.NAME} ${user.LAST_NAME}`.trim())}</button> <small>${escapeHtml(user.WORK_POSITION ?? '')}</small></li>`,
    )
    .join('');
  return `<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>${escapeHtml(company.header.domain)}: вход</title></head>
<body><main><h1>${escapeHtml(company.header.domain)}</h1><p>Войти в приложение как / Sign in to the application as:</p>
<form method="post" action="/oauth/authorize/">${hidden}<ul>${people}</ul></form></main></body></html>`;
}

export function handleAuthorizePost(
  state: OAuthState,
  company: DemoCompany,
  form: URLSearchParams,
  response: ServerResponse,
  send: Send,
): void {
  const app = state.app(form.get('client_id') ?? '');
  if (!app) return oauthError(send, response, 400, 'invalid_client', 'Unknown client_id');
  const requested = form.get('redirect_uri');
  if (requested && requested !== app.redirectUri)
    return oauthError(send, response, 400, 'invalid_request', 'redirect_uri does not match the application');
  const userId = Number(form.get('user_id'));
  if (!company.users.some((user) => Number(user.ID) === userId && user.ACTIVE)) {
    return oauthError(send, response, 400, 'invalid_request', 'Unknown user');
  }
  const target = new URL(app.redirectUri);
  target.searchParams.set('code', state.issueCode(app.clientId, userId));
  target.searchParams.set('state', form.get('state') ?? '');
  target.searchParams.set('domain', company.header.domain);
  target.searchParams.set('member_id', company.header.memberId);
  target.searchParams.set('scope', 'task,user,department,calendar,im');
  target.searchParams.set('server_domain', 'oauth.bitrix.info');
  response.writeHead(302, { location: target.toString() }).end();
}

export function handleToken(
  state: OAuthState,
  company: DemoCompany,
  baseUrl: string,
  query: URLSearchParams,
  response: ServerResponse,
  send: Send,
): void {
  const app = state.app(query.get('client_id') ?? '');
  if (!app || app.clientSecret !== query.get('client_secret')) {
    return oauthError(send, response, 401, 'invalid_client', 'Invalid client credentials');
  }
  const grantType = query.get('grant_type');
  const issued =
    grantType === 'authorization_code'
      ? state.redeemCode(app.clientId, query.get('code') ?? '')
      : grantType === 'refresh_token'
        ? state.refresh(app.clientId, query.get('refresh_token') ?? '')
        : undefined;
  if (issued === undefined) return oauthError(send, response, 400, 'invalid_request', 'Unsupported grant_type');
  if (issued === null) return oauthError(send, response, 400, 'invalid_grant', 'Invalid or expired grant');
  send(response, 200, {
    access_token: issued.accessToken,
    refresh_token: issued.refreshToken,
    expires_in: 3600,
    expires: Math.floor(Date.now() / 1000) + 3600,
    scope: 'task,user,department,calendar,im',
    domain: 'oauth.bitrix.info',
    server_endpoint: `${baseUrl}/rest/`,
    client_endpoint: `${baseUrl}/rest/`,
    member_id: company.header.memberId,
    user_id: issued.userId,
    status: 'L',
  });
}
