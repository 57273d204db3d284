import { env } from '@/lib/env';

/**
 * Whether this request's session cookie is the Secure one (`__Secure-next-auth.session-token`):
 * with an https APP_URL, or when the request came over https. NextAuth decides the same way when
 * it sets the cookie (its origin follows X-Forwarded-Proto, which lib/launcher/next-server.ts keeps
 * only from a trusted proxy), so the proxy must look for the same name.
 */
export function usesSecureCookies(headers: Headers): boolean {
  const appUrl = env().APP_URL;
  if (appUrl) return new URL(appUrl).protocol === 'https:';
  return headers.get('x-forwarded-proto')?.split(',')[0]?.trim() === 'https';
}
