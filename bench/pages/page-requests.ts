import { z } from 'zod';
import { measure, type Timing } from '../measure';

/** Cookies a response sets, by name (value only: the bench sends them straight back). */
function setCookies(response: Response): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const header of response.headers.getSetCookie()) {
    const pair = header.split(';', 1)[0] ?? '';
    const equals = pair.indexOf('=');
    if (equals > 0) cookies.set(pair.slice(0, equals).trim(), pair.slice(equals + 1).trim());
  }
  return cookies;
}

export const cookieHeader = (cookies: Map<string, string>) =>
  [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');

/**
 * Signs in the way the sign-in form does (next-auth's credentials provider `password`), over
 * plain HTTP: the CSRF token and its cookie, then the credentials callback. Returns the session cookies.
 */
export async function signIn(baseUrl: string, email: string, password: string): Promise<Map<string, string>> {
  const csrfResponse = await fetch(`${baseUrl}/api/auth/csrf`);
  if (!csrfResponse.ok) throw new Error(`GET /api/auth/csrf answered ${csrfResponse.status}`);
  const { csrfToken } = z.object({ csrfToken: z.string().min(1) }).parse(await csrfResponse.json());
  const cookies = setCookies(csrfResponse);
  const response = await fetch(`${baseUrl}/api/auth/callback/password`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieHeader(cookies) },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${baseUrl}/overview`, json: 'true' }),
  });
  const body = await response.text();
  const session = [...setCookies(response)].filter(([name]) => /(^|\.)next-auth\.session-token(\.\d+)?$/.test(name));
  if (session.length === 0)
    throw new Error(`Sign-in gave no session cookie (${response.status}): ${body.slice(0, 300)}`);
  return new Map(session);
}

/**
 * The server's time for one page: a GET with the session cookie, timed until the whole HTML has
 * arrived (the streamed Suspense parts included). Warm-up requests first, so route modules are
 * loaded and the database's caches hold what the page reads. An API route is timed the same way,
 * with the content type it must answer.
 */
export async function timePage(
  url: string,
  cookie: string,
  warmup: number,
  requests: number,
  contentType = 'text/html',
): Promise<Timing & { htmlBytes: number }> {
  let htmlBytes = 0;
  const timing = await measure(
    requests,
    async () => {
      const response = await fetch(url, { headers: { cookie }, redirect: 'manual' });
      const html = await response.text();
      // A redirect (signed out), 403 (out of scope) or error page would be timed as if it were the page.
      if (response.status !== 200)
        throw new Error(
          `GET ${url} answered ${response.status}${response.headers.get('location') ? ` → ${response.headers.get('location')}` : ''}`,
        );
      if (!(response.headers.get('content-type') ?? '').includes(contentType))
        throw new Error(`GET ${url} did not answer ${contentType}`);
      htmlBytes = Buffer.byteLength(html);
    },
    warmup,
  );
  return { ...timing, htmlBytes };
}
