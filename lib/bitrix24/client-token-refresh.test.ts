import { describe, expect, it } from 'vitest';
import { Bitrix24Client, type OAuthTokens } from './client';

describe('OAuth refresh with calls in flight', () => {
  it('a call that fails with the old token after another call already refreshed retries with the new one, without a second refresh', async () => {
    let tokens: OAuthTokens = { accessToken: 'old', refreshToken: 'r1' };
    const refreshes: string[] = [];
    let releaseSlowAnswer: () => void = () => {};
    const slowAnswerHeld = new Promise<void>((resolve) => (releaseSlowAnswer = resolve));
    let sent = 0;
    const fetchScript: typeof fetch = async (_input, init) => {
      const { auth } = JSON.parse(String(init?.body)) as { auth: string };
      const nth = ++sent;
      // The second call's answer arrives only after the first call's refresh has finished.
      if (nth === 2) await slowAnswerHeld;
      const body =
        auth === 'old'
          ? { error: 'expired_token', error_description: 'The access token provided has expired.' }
          : { result: { ok: auth } };
      return new Response(JSON.stringify(body), { status: auth === 'old' ? 401 : 200 });
    };
    const client = new Bitrix24Client({
      connection: {
        kind: 'oauth',
        endpoint: 'https://portal.test/rest/',
        tokens: {
          current: async () => tokens,
          refresh: async (stale) => {
            refreshes.push(stale.refreshToken);
            // Bitrix24 replaces the refresh token: the stale one would now be refused.
            tokens = { accessToken: 'new', refreshToken: 'r2' };
            releaseSlowAnswer();
            return tokens;
          },
        },
      },
      fetch: fetchScript,
    });
    const [first, second] = await Promise.all([client.call('user.current'), client.call('user.current')]);
    expect([first.result, second.result]).toEqual([{ ok: 'new' }, { ok: 'new' }]);
    expect(refreshes).toEqual(['r1']);
  });
});
