import type { OAuthConfig } from 'next-auth/providers/oauth';
import { z } from 'zod';
import { outboundFetch } from '@/lib/http/outbound-guard';

/**
 * Sign-in with a Bitrix24 account (docs/bitrix24.md, "Tokens"): the browser goes to the portal's
 * /oauth/authorize/, the code is exchanged at the OAuth server with a GET (Bitrix24's way, not
 * the usual POST), and `user.current` on the portal's REST endpoint tells who signed in.
 */
export const tokenResponse = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  expires_in: z.coerce.number(),
  client_endpoint: z.string().url(),
  member_id: z.string().min(1),
  domain: z.string().optional(),
  user_id: z.coerce.number().optional(),
});

const currentUserResponse = z.object({
  result: z.object({
    ID: z.coerce.number().int().positive(),
    NAME: z.string().nullish(),
    LAST_NAME: z.string().nullish(),
    EMAIL: z.string().nullish(),
  }),
});

export type Bitrix24Profile = {
  memberId: string;
  domain: string;
  bitrixUserId: number;
  name: string;
  email?: string;
};

export type Bitrix24OAuthSettings = { clientId: string; clientSecret: string; portalUrl: string; serverUrl: string };

/**
 * The OAuth server comes from the configuration, and the REST endpoint from the token answer (the
 * portal's word): both go through the outbound guard, like every address Flowpilot is handed.
 */
async function getJson(url: URL): Promise<unknown> {
  const response = await outboundFetch()(url, {
    headers: { accept: 'application/json' },
    signal: AbortSignal.timeout(15_000),
  });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (body as { error?: string; error_description?: string } | null) ?? {};
    throw new Error(
      `Bitrix24 answered ${response.status} ${error.error ?? ''} ${error.error_description ?? ''}`.trim(),
    );
  }
  return body;
}

export function bitrix24Provider(settings: Bitrix24OAuthSettings): OAuthConfig<Bitrix24Profile> {
  return {
    id: 'bitrix24',
    name: 'Bitrix24',
    type: 'oauth',
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    checks: ['state'],
    authorization: { url: `${settings.portalUrl}/oauth/authorize/`, params: { scope: '' } },
    token: {
      url: `${settings.serverUrl}/oauth/token/`,
      async request({ params }) {
        const url = new URL(`${settings.serverUrl}/oauth/token/`);
        url.search = new URLSearchParams({
          grant_type: 'authorization_code',
          client_id: settings.clientId,
          client_secret: settings.clientSecret,
          code: String(params.code ?? ''),
        }).toString();
        const token = tokenResponse.parse(await getJson(url));
        return { tokens: { ...token, expires_at: Math.floor(Date.now() / 1000) + token.expires_in } };
      },
    },
    userinfo: {
      url: `${settings.portalUrl}/rest/user.current.json`,
      async request({ tokens }) {
        const token = tokenResponse.parse(tokens);
        const url = new URL(
          'user.current.json',
          token.client_endpoint.endsWith('/') ? token.client_endpoint : `${token.client_endpoint}/`,
        );
        url.searchParams.set('auth', token.access_token);
        const { result } = currentUserResponse.parse(await getJson(url));
        const profile: Bitrix24Profile = {
          memberId: token.member_id,
          domain: new URL(token.client_endpoint).host,
          bitrixUserId: result.ID,
          name: [result.NAME, result.LAST_NAME].filter(Boolean).join(' ') || `Bitrix24 user ${result.ID}`,
          email: result.EMAIL || undefined,
        };
        return profile;
      },
    },
    profile(profile) {
      return { ...profile, id: `${profile.memberId}:${profile.bitrixUserId}` };
    },
  };
}
