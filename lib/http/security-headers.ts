import { randomBytes } from 'node:crypto';
import { NextResponse } from 'next/server';
import { env, type Env } from '@/lib/env';

/**
 * The security headers that depend on the request or the configuration, which proxy.ts puts on
 * every answer it gives: a Content-Security-Policy with a fresh nonce, and HSTS when Flowpilot is
 * served over https. The fixed ones (nosniff, X-Frame-Options, Referrer-Policy) are in
 * next.config.mjs, which also reaches the static files the proxy skips.
 */

/** The CSP for one answer; `nonce` is what Next puts on the inline scripts it renders. */
export function contentSecurityPolicy(nonce: string, config: Pick<Env, 'NODE_ENV'>): string {
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    // 'strict-dynamic' trusts the chunks Next's nonced scripts load; hot reload in development evaluates code.
    'script-src': [
      "'self'",
      `'nonce-${nonce}'`,
      "'strict-dynamic'",
      ...(config.NODE_ENV === 'development' ? ["'unsafe-eval'"] : []),
    ],
    // React renders style attributes (avatar sizes, chart layout) and Radix dialogs add a <style>
    // element, neither with a nonce; a nonce here would switch 'unsafe-inline' off. Styles cannot run code.
    'style-src': ["'self'", "'unsafe-inline'"],
    // People's photos come from the portal or Bitrix24's CDN, whose hosts are not known here, and a
    // self-hosted portal may be on http. An image cannot run code.
    'img-src': ["'self'", 'data:', 'blob:', 'https:', 'http:'],
    'font-src': ["'self'"],
    'connect-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    // Every form posts to Flowpilot; Sign in with Bitrix24 leaves by setting location, which form-action does not govern.
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

/** A year; without includeSubDomains, since other hosts of the domain are not Flowpilot's to decide. */
const strictTransportSecurity = 'max-age=31536000';

/**
 * Runs the proxy's decision and puts the security headers on whatever it answers. `next()` passes
 * the request on with the CSP among its headers, where Next reads the nonce for its inline scripts
 * (next/dist/server/app-render/get-script-nonce-from-header.js); every page is rendered per request.
 */
export async function withSecurityHeaders(
  request: Request,
  decide: (next: () => NextResponse) => NextResponse | Promise<NextResponse>,
  config: Env = env(),
): Promise<NextResponse> {
  const policy = contentSecurityPolicy(randomBytes(16).toString('base64'), config);
  const next = () => {
    const headers = new Headers(request.headers);
    headers.set('content-security-policy', policy);
    return NextResponse.next({ request: { headers } });
  };
  const response = await decide(next);
  response.headers.set('content-security-policy', policy);
  if (config.APP_URL && new URL(config.APP_URL).protocol === 'https:') {
    response.headers.set('strict-transport-security', strictTransportSecurity);
  }
  return response;
}
