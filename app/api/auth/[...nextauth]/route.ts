import NextAuth from 'next-auth';
import { authOptions } from '@/lib/auth/auth-options';

type Context = { params: Promise<{ nextauth: string[] }> };

// GET|POST /api/auth/* - NextAuth: sign-in (password, Bitrix24 OAuth), callbacks, session, sign-out. Public.
async function handler(request: Request, context: Context): Promise<Response> {
  return NextAuth(request as never, context as never, authOptions());
}

export { handler as GET, handler as POST };
