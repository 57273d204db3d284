import { getToken } from 'next-auth/jwt';
import { NextResponse, type NextRequest } from 'next/server';
import { authSecret } from '@/lib/auth/auth-secret';
import { isPublicPath } from '@/lib/auth/public-paths';

/**
 * Turns signed-out requests away early: pages redirect to sign-in, APIs answer 401. It only
 * checks that a valid session token exists; roles and scope are checked by each page, route
 * handler and server action.
 */
export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (isPublicPath(pathname)) return NextResponse.next();
  const token = await getToken({ req: request, secret: authSecret() });
  if (token?.uid) return NextResponse.next();
  if (pathname.startsWith('/api/')) {
    return NextResponse.json({ error: 'unauthorized', message: 'Sign in first.' }, { status: 401 });
  }
  const signIn = new URL('/sign-in', request.url);
  signIn.searchParams.set('callbackUrl', `${pathname}${search}`);
  return NextResponse.redirect(signIn);
}

export const config = {
  // Everything but Next's own assets and public files.
  matcher: ['/((?!_next/static|_next/image|favicon.ico|.*\\.(?:png|svg|ico|webp|woff2?)$).*)'],
};
