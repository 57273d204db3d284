import { getServerSession } from 'next-auth';
import { cache } from 'react';
import { db } from '@/lib/db/client';
import { authOptions } from './auth-options';
import type { Viewer } from './viewer';

/**
 * The signed-in person for this request, or null. A session that was signed out, whose user was
 * deactivated, or whose version was bumped (sign out everywhere), counts as signed out. Read once
 * per request.
 */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const session = await getServerSession(authOptions());
  // A token without a session id predates server-side sign-out and cannot be ended: it counts for nothing.
  if (!session?.uid || !session.sid) return null;
  const [user, ended] = await Promise.all([
    db().user.findUnique({
      where: { id: session.uid },
      select: {
        id: true,
        email: true,
        name: true,
        role: true,
        active: true,
        sessionVersion: true,
        portalId: true,
        bitrixUserId: true,
      },
    }),
    db().endedSession.findUnique({ where: { id: session.sid }, select: { id: true } }),
  ]);
  if (!user || !user.active || user.sessionVersion !== session.sv || ended) return null;
  const { active: _active, sessionVersion: _version, ...viewer } = user;
  return viewer;
});
