import { randomBytes } from 'node:crypto';
import { escapeHtml } from './html';
import type { OAuthState } from './oauth-state';
import { deliverUninstall, postEvent } from './portal-events';
import type { PortalState } from './portal-state';
import { allScopes } from './rest/registry';

/**
 * The portal's "Local application" form (Applications → Developer resources → Other → Local
 * application) for an app that "uses API only": saving it registers the app, hands the admin
 * who saved it a token pair, and posts ONAPPINSTALL with those tokens to the "Initial
 * installation path" at once, from the server (b24restdocs
 * `settings/app-installation/local-apps/installation-callback.md`,
 * `api-reference/common/events/on-app-install.md`); then it shows the app's keys. Deleting the
 * app revokes its tokens and posts ONAPPUNINSTALL to the handlers it bound for it.
 */
export const localAppsPath = '/devops/local-apps/';

export type LocalApp = { clientId: string; name: string; handler: string; installPath: string; scopes: string[] };

export type LocalAppsContext = {
  state: PortalState;
  oauth: OAuthState;
  baseUrl: string;
  apps: LocalApp[];
  track: (deliveries: Promise<void>[]) => void;
};

function page(context: LocalAppsContext, notice: string): string {
  const listed = context.apps
    .map(
      (app) =>
        `<li><strong>${escapeHtml(app.name)}</strong> <code>${escapeHtml(app.clientId)}</code> <form method="post" action="${localAppsPath}delete"><input type="hidden" name="client_id" value="${escapeHtml(app.clientId)}"><button type="submit">Удалить / Delete</button></form></li>`,
    )
    .join('');
  const scopes = allScopes
    .filter((scope) => scope !== 'basic')
    .map((scope) => `<label><input type="checkbox" name="scope[]" value="${scope}" checked> ${scope}</label>`)
    .join(' ');
  return `<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>${escapeHtml(context.state.company.header.domain)}: локальные приложения</title></head>
<body><main><h1>Локальное приложение / Local application</h1>${notice}
<h2>Установленные / Installed</h2><ul>${listed || '<li>нет / none</li>'}</ul>
<form method="post" action="${localAppsPath}">
<p><label>Название / Name <input name="name" value="Flowpilot" required></label></p>
<p><label>Путь вашего обработчика / Handler path <input name="handler" type="url" required size="60"></label></p>
<p><label>Путь для первоначальной установки / Initial installation path <input name="install" type="url" required size="60"></label></p>
<p><label><input type="checkbox" name="api_only" value="Y" checked disabled> Приложение использует только API / Uses API only</label></p>
<p>Права / Permissions: ${scopes}</p>
<p><button type="submit">Сохранить / Save</button></p></form></main></body></html>`;
}

export function renderLocalApps(context: LocalAppsContext): string {
  return page(context, '');
}

/** Saves a local app and runs its installation callback; the page then shows the keys, as Bitrix24 does. */
export async function saveLocalApp(
  context: LocalAppsContext,
  form: URLSearchParams,
): Promise<{ status: number; html: string }> {
  const name = form.get('name')?.trim() || 'Приложение';
  const handler = form.get('handler') ?? '';
  const installPath = form.get('install') ?? '';
  if (!URL.canParse(handler) || !URL.canParse(installPath))
    return { status: 400, html: page(context, '<p role="alert">Укажите адреса обработчика и установки.</p>') };
  const scopes = ['basic', ...form.getAll('scope[]').filter((scope) => allScopes.includes(scope) && scope !== 'basic')];
  const clientId = `local.${randomBytes(7).toString('hex').slice(0, 13)}.${randomBytes(4).toString('hex')}`;
  const clientSecret = randomBytes(25).toString('base64url');
  const admin = Number(context.state.company.users.find((user) => user.ACTIVE)?.ID ?? 1);
  const tokens = context.oauth.install({ clientId, clientSecret, redirectUri: handler, scopes }, admin);
  const app: LocalApp = { clientId, name, handler, installPath, scopes };
  context.apps.push(app);
  const answer = await installCallback(context, app, tokens);
  const notice = `<section aria-label="keys"><p>Приложение сохранено / Application saved. Обработчик установки ответил / The installation handler answered: <output>${escapeHtml(answer)}</output></p>
<p>Код приложения (client_id): <code data-key="client_id">${escapeHtml(clientId)}</code></p>
<p>Ключ приложения (client_secret): <code data-key="client_secret">${escapeHtml(clientSecret)}</code></p></section>`;
  return { status: 200, html: page(context, notice) };
}

async function installCallback(
  context: LocalAppsContext,
  app: LocalApp,
  tokens: { accessToken: string; refreshToken: string },
): Promise<string> {
  const { state, baseUrl } = context;
  const body = {
    event: 'ONAPPINSTALL',
    data: { VERSION: '1', ACTIVE: 'Y', INSTALLED: 'Y', LANGUAGE_ID: 'ru' },
    ts: String(Math.floor(Date.now() / 1000)),
    auth: {
      access_token: tokens.accessToken,
      expires_in: '3600',
      scope: app.scopes.join(','),
      domain: state.company.header.domain,
      server_endpoint: `${baseUrl}/rest/`,
      status: 'L',
      client_endpoint: `${baseUrl}/rest/`,
      member_id: state.memberId,
      refresh_token: tokens.refreshToken,
      application_token: state.appToken(app.clientId),
    },
  };
  const status = await postEvent(app.installPath, body);
  return status === null ? 'no answer' : `HTTP ${status}`;
}

export function deleteLocalApp(context: LocalAppsContext, form: URLSearchParams): { status: number; html: string } {
  const clientId = form.get('client_id') ?? '';
  const index = context.apps.findIndex((app) => app.clientId === clientId);
  if (index < 0 || !context.oauth.uninstall(clientId))
    return { status: 404, html: page(context, '<p role="alert">Нет такого приложения.</p>') };
  context.apps.splice(index, 1);
  context.track(deliverUninstall(context.state, context.baseUrl, context.state.removeApp(clientId)));
  return { status: 200, html: page(context, '<p role="status">Приложение удалено / Application deleted.</p>') };
}
