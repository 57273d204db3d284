import { getScriptNonceFromHeader } from 'next/dist/server/app-render/get-script-nonce-from-header';
import { NextRequest, NextResponse } from 'next/server';
import { describe, expect, it } from 'vitest';
import { loadEnv } from '@/lib/env';
import { contentSecurityPolicy, withSecurityHeaders } from './security-headers';

const production = loadEnv({ NODE_ENV: 'production' });
const request = () => new NextRequest('http://flowpilot.test/overview', { headers: { cookie: 'a=b' } });

/** The CSP as directive name → sources. */
function directives(policy: string): Record<string, string[]> {
  return Object.fromEntries(
    policy.split(';').map((directive) => {
      const [name, ...sources] = directive.trim().split(/\s+/);
      return [name!, sources];
    }),
  );
}

describe('contentSecurityPolicy', () => {
  it('allows scripts only by nonce, and nothing from other origins but images', () => {
    expect(directives(contentSecurityPolicy('abc123', production))).toEqual({
      'default-src': ["'self'"],
      'script-src': ["'self'", "'nonce-abc123'", "'strict-dynamic'"],
      'style-src': ["'self'", "'unsafe-inline'"],
      'img-src': ["'self'", 'data:', 'blob:', 'https:', 'http:'],
      'font-src': ["'self'"],
      'connect-src': ["'self'"],
      'object-src': ["'none'"],
      'base-uri': ["'self'"],
      'form-action': ["'self'"],
      'frame-ancestors': ["'none'"],
    });
  });

  it("adds 'unsafe-eval' in development only, where hot reload evaluates code", () => {
    expect(contentSecurityPolicy('n', production)).not.toContain('unsafe-eval');
    expect(directives(contentSecurityPolicy('n', loadEnv({ NODE_ENV: 'development' })))['script-src']).toContain(
      "'unsafe-eval'",
    );
  });

  it('puts the nonce where Next.js reads it for its own inline scripts', () => {
    expect(getScriptNonceFromHeader(contentSecurityPolicy('Zm9v+/bar==', production))).toBe('Zm9v+/bar==');
  });
});

describe('withSecurityHeaders', () => {
  it('passes the request on with the same CSP as the response, so the page carries the nonce the browser expects', async () => {
    const response = await withSecurityHeaders(request(), (next) => next(), production);
    const policy = response.headers.get('content-security-policy');
    expect(getScriptNonceFromHeader(policy ?? '')).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    // NextResponse.next({ request: { headers } }) hands request headers to Next this way.
    expect(response.headers.get('x-middleware-request-content-security-policy')).toBe(policy);
    expect(response.headers.get('x-middleware-request-cookie')).toBe('a=b');
  });

  it('uses a fresh nonce for every request', async () => {
    const nonces = await Promise.all(
      [1, 2, 3].map(async () =>
        getScriptNonceFromHeader(
          (await withSecurityHeaders(request(), (next) => next(), production)).headers.get('content-security-policy') ??
            '',
        ),
      ),
    );
    expect(new Set(nonces).size).toBe(3);
  });

  it('also puts them on answers that do not pass the request on: a 401 and a redirect', async () => {
    const refusal = await withSecurityHeaders(
      request(),
      () => NextResponse.json({ error: 'unauthorized' }, { status: 401 }),
      production,
    );
    expect(refusal.status).toBe(401);
    expect(refusal.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const redirect = await withSecurityHeaders(
      request(),
      async () => NextResponse.redirect('http://flowpilot.test/sign-in'),
      production,
    );
    expect(redirect.status).toBe(307);
    expect(redirect.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('sends HSTS only when APP_URL is https', async () => {
    const hsts = async (appUrl?: string) =>
      (await withSecurityHeaders(request(), (next) => next(), loadEnv({ APP_URL: appUrl }))).headers.get(
        'strict-transport-security',
      );
    expect(await hsts('https://flowpilot.example.com')).toBe('max-age=31536000');
    expect(await hsts('http://flowpilot.example.com')).toBeNull();
    expect(await hsts(undefined)).toBeNull();
  });
});
