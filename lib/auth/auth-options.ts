import type { NextAuthOptions } from 'next-auth';
import { randomUUID } from 'node:crypto';
import CredentialsProvider from 'next-auth/providers/credentials';
import { z } from 'zod';
import { db } from '@/lib/db/client';
import { bitrix24OAuthConfig, env } from '@/lib/env';
import { authSecret } from './auth-secret';
import { bitrix24Provider, type Bitrix24Profile } from './bitrix24-oauth-provider';
import { userForBitrix24Profile } from './bitrix24-sign-in';
import { clientAddress } from './client-address';
import { endSession } from './ended-sessions';
import { signInWithPassword } from './password-sign-in';

const credentialsInput = z.object({ email: z.string().trim().min(1).max(320), password: z.string().min(1).max(200) });

declare module 'next-auth' {
  interface User {
    sessionVersion?: number;
  }
  interface Session {
    uid: string;
    sv: number;
    /** This sign-in's own id: signing out ends it on the server (lib/auth/ended-sessions.ts). */
    sid: string;
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    uid?: string;
    sv?: number;
    sid?: string;
  }
}

/**
 * NextAuth (v4, the stable line) with JWT sessions. The token carries only the user id and the
 * session version; role, scope and "still active" are read from the database on every request
 * (lib/auth/session.ts), so changes apply at once.
 */
export function authOptions(): NextAuthOptions {
  const config = env();
  const oauth = bitrix24OAuthConfig(config);
  return {
    secret: authSecret(),
    session: { strategy: 'jwt', maxAge: config.SESSION_MAX_AGE_HOURS * 3600, updateAge: 3600 },
    pages: { signIn: '/sign-in', error: '/sign-in' },
    providers: [
      CredentialsProvider({
        id: 'password',
        name: 'password',
        credentials: { email: { type: 'email' }, password: { type: 'password' } },
        async authorize(credentials, request) {
          const input = credentialsInput.safeParse(credentials);
          if (!input.success) return null;
          const user = await signInWithPassword(db(), { ...input.data, address: clientAddress(request?.headers) });
          return { id: user.id, sessionVersion: user.sessionVersion };
        },
      }),
      ...(oauth ? [bitrix24Provider(oauth)] : []),
    ],
    callbacks: {
      async signIn({ user, account, profile }) {
        if (account?.provider !== 'bitrix24') return true;
        const signedIn = await userForBitrix24Profile(db(), profile as unknown as Bitrix24Profile, {
          configuredPortalHost: oauth ? new URL(oauth.portalUrl).host : null,
        });
        if (!signedIn.ok) return `/sign-in?error=${signedIn.reason === 'disabled' ? 'AccountDisabled' : 'OtherPortal'}`;
        // Hand our own user id to the jwt callback in place of the Bitrix24 one.
        user.id = signedIn.user.id;
        user.sessionVersion = signedIn.user.sessionVersion;
        return true;
      },
      async jwt({ token, user }) {
        if (user) {
          token.uid = user.id;
          token.sv = user.sessionVersion ?? 0;
          token.sid = randomUUID();
        }
        return token;
      },
      async session({ session, token }) {
        return { ...session, uid: token.uid ?? '', sv: token.sv ?? 0, sid: token.sid ?? '' };
      },
    },
    events: {
      // The browser drops its cookie; the server forgets the session too, so a copy of the cookie is useless.
      async signOut({ token }) {
        if (token.sid) await endSession(db(), token.sid, config.SESSION_MAX_AGE_HOURS * 3_600_000);
      },
    },
  };
}
