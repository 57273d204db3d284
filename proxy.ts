import { getToken } from 'next-auth/jwt';
import { NextResponse, type NextRequest } from 'next/server';
import { authSecret } from '@/lib/auth/auth-secret';
import { isPublicPath } from '@/lib/auth/public-paths';
import { usesSecureCookies } from '@/lib/auth/secure-cookies';
import { withSecurityHeaders } from '@/lib/http/security-headers';

/** Every answer gets the security headers (lib/http/security-headers.ts), refusals included. */
export function proxy(request: NextRequest) {
  return withSecurityHeaders(request, (next) => admit(request, next));
}

/**
 * Turns signed-out requests away early: pages redirect to sign-in, APIs answer 401. It only
 * checks that a valid session token exists; roles and scope are checked by each page, route
 * handler and server action.
 */
async function admit(request: NextRequest, next: () => NextResponse) {
  const { pathname, search } = request.nextUrl;
  if (isPublicPath(pathname)) return next();
  const token = await getToken({
    req: request,
    secret: authSecret(),
    secureCookie: usesSecureCookies(request.headers),
  });
  if (token?.uid) return next();
  if (pathname.startsWith('/api/')) {
    return NextResponse.json({ error: 'unauthorized', message: 'Sign in first.' }, { status: 401 });
  }
  const signIn = new URL('/sign-in', request.url);
  signIn.searchParams.set('callbackUrl', `${pathname}${search}`);
  return NextResponse.redirect(signIn);
}

export const config = {
  // Everything but Next's own assets and public files; next.config.mjs gives those their headers.
  matcher: ['/((?!_next/static|_next/image|favicon.ico|.*\\.(?:png|svg|ico|webp|woff2?)$).*)'],
};
