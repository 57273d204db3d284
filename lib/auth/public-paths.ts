import { eventsPath, installPath } from '@/lib/http/bitrix24-receiver-paths';

/** Pages and APIs anyone may open; everything else needs a session (enforced again by each guard). */
const publicPaths = new Set(['/', '/sign-in', '/setup', '/invite', '/api/health', eventsPath, installPath]);
const publicPrefixes = ['/api/auth/'];

export function isPublicPath(pathname: string): boolean {
  return publicPaths.has(pathname) || publicPrefixes.some((prefix) => pathname.startsWith(prefix));
}
