import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bitrix24Provider } from '@/lib/auth/bitrix24-oauth-provider';
import type { DemoCompany } from './company';
import { OAuthState, oauthLifetimes } from './oauth-state';
import { startDemoPortal, type DemoPortal } from './server';

const company: DemoCompany = {
  header: {
    format: 'flowpilot-demo-company',
    version: 1,
    memberId: 'member-xyz',
    domain: 'acme.bitrix24.test',
    timeZoneOffset: '+03:00',
    asOf: '2026-01-01T00:00:00+03:00',
  },
  departments: [],
  flows: [],
  tasks: [],
  history: [],
  users: [
    { ID: '1', ACTIVE: true, NAME: 'Анна', LAST_NAME: 'Смирнова', EMAIL: 'anna@acme.test', UF_DEPARTMENT: [1] },
    { ID: '2', ACTIVE: false, NAME: 'Old', LAST_NAME: 'Timer', UF_DEPARTMENT: [1] },
    { ID: '3', ACTIVE: true, NAME: '<script>alert(1)</script>', LAST_NAME: '', UF_DEPARTMENT: [1] },
  ],
};
const app = {
  clientId: 'local.app',
  clientSecret: 'secret',
  redirectUri: 'http://app.test/api/auth/callback/bitrix24',
};

let portal: DemoPortal;
beforeAll(async () => {
  portal = await startDemoPortal({ company, oauthApps: [app] });
});
afterAll(() => portal.stop());

async function authorize(userId: string, state = 'st') {
  const response = await fetch(`${portal.url}/oauth/authorize/`, {
    method: 'POST',
    body: new URLSearchParams({ client_id: app.clientId, state, user_id: userId }),
    redirect: 'manual',
  });
  return { status: response.status, location: new URL(response.headers.get('location') ?? 'http://none.invalid') };
}

async function exchange(code: string) {
  const settings = bitrix24Provider({ ...app, portalUrl: portal.url, serverUrl: portal.url });
  const token = settings.token as { request: (context: unknown) => Promise<{ tokens: Record<string, unknown> }> };
  return token.request({ params: { code } });
}

describe('demo portal OAuth (authorization code flow as Bitrix24 runs it)', () => {
  it('shows active employees on its sign-in page, escaped', async () => {
    const html = await (await fetch(`${portal.url}/oauth/authorize/?client_id=${app.clientId}&state=x`)).text();
    expect(html).toContain('Анна Смирнова');
    expect(html).not.toContain('Old Timer');
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;');
  });

  it('redirects back with code, state, domain and member_id; the code buys tokens once', async () => {
    const { status, location } = await authorize('1', 'state-123');
    expect(status).toBe(302);
    expect(`${location.origin}${location.pathname}`).toBe(app.redirectUri);
    expect(Object.fromEntries(location.searchParams)).toMatchObject({
      state: 'state-123',
      domain: company.header.domain,
      member_id: company.header.memberId,
    });

    const { tokens } = await exchange(location.searchParams.get('code')!);
    expect(tokens).toMatchObject({
      member_id: company.header.memberId,
      client_endpoint: `${portal.url}/rest/`,
      expires_in: 3600,
    });
    await expect(exchange(location.searchParams.get('code')!)).rejects.toThrow(/400 invalid_grant/);

    const userinfo = bitrix24Provider({ ...app, portalUrl: portal.url, serverUrl: portal.url }).userinfo as {
      request: (context: unknown) => Promise<unknown>;
    };
    expect(await userinfo.request({ tokens })).toEqual({
      memberId: company.header.memberId,
      domain: new URL(portal.url).host,
      bitrixUserId: 1,
      name: 'Анна Смирнова',
      email: 'anna@acme.test',
    });
  });

  it('does not call a REST endpoint that a token answer puts at a cloud-metadata address', async () => {
    const userinfo = bitrix24Provider({ ...app, portalUrl: portal.url, serverUrl: portal.url }).userinfo as {
      request: (context: unknown) => Promise<unknown>;
    };
    const tokens = {
      access_token: 'a',
      refresh_token: 'r',
      expires_in: 3600,
      member_id: company.header.memberId,
      client_endpoint: 'http://169.254.169.254/rest/',
    };
    await expect(userinfo.request({ tokens })).rejects.toThrow(
      'Addresses in 169.254.0.0/16 (link-local, cloud metadata) are not allowed, and 169.254.169.254 leads there.',
    );
  });

  it('refuses a wrong client secret, an unknown app, a dismissed user and a foreign redirect_uri', async () => {
    const wrongSecret = await fetch(
      `${portal.url}/oauth/token/?grant_type=authorization_code&client_id=${app.clientId}&client_secret=nope&code=x`,
    );
    expect(wrongSecret.status).toBe(401);
    expect(await wrongSecret.json()).toEqual({
      error: 'invalid_client',
      error_description: 'Invalid client credentials',
    });
    expect((await authorize('2')).status).toBe(400);
    const foreign = await fetch(`${portal.url}/oauth/authorize/`, {
      method: 'POST',
      body: new URLSearchParams({ client_id: app.clientId, user_id: '1', redirect_uri: 'http://evil.test/cb' }),
      redirect: 'manual',
    });
    expect(foreign.status).toBe(400);
  });

  it('answers REST calls with a bad token with invalid_token', async () => {
    const response = await fetch(`${portal.url}/rest/user.current.json?auth=garbage`);
    expect(response.status).toBe(401);
    expect((await response.json()).error).toBe('invalid_token');
  });
});

describe('OAuth lifetimes', () => {
  it('codes expire after 30 s, access tokens after 1 h; refresh replaces the refresh token', () => {
    let now = 0;
    const state = new OAuthState([app], () => now);
    const code = state.issueCode(app.clientId, 1);
    now += oauthLifetimes.codeMs + 1;
    expect(state.redeemCode(app.clientId, code)).toBeNull();

    now = 0;
    const pair = state.redeemCode(app.clientId, state.issueCode(app.clientId, 1))!;
    expect(state.checkAccessToken(pair.accessToken)).toEqual({ userId: 1, clientId: app.clientId });
    now += oauthLifetimes.accessMs;
    expect(state.checkAccessToken(pair.accessToken)).toBe('expired');
    const renewed = state.refresh(app.clientId, pair.refreshToken)!;
    expect(state.checkAccessToken(renewed.accessToken)).toEqual({ userId: 1, clientId: app.clientId });
    expect(state.refresh(app.clientId, pair.refreshToken)).toBeNull();
    expect(state.refresh('other-app', renewed.refreshToken)).toBeNull();
  });
});
