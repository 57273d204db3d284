import { getServerSession } from 'next-auth';
import { cache } from 'react';
import { db } from '@/lib/db/client';
import { authOptions } from './auth-options';
import type { Viewer } from './viewer';

/**
 * The signed-in person for this request, or null. A session whose user was deactivated, or
 * whose version was bumped (sign out everywhere), counts as signed out. Read once per request.
 */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const session = await getServerSession(authOptions());
  if (!session?.uid) return null;
  const user = await db().user.findUnique({
    where: { id: session.uid },
    select: { id: true, email: true, name: true, role: true, active: true, sessionVersion: true, portalId: true, bitrixUserId: true },
  });
  if (!user || !user.active || user.sessionVersion !== session.sv) return null;
  const { active: _active, sessionVersion: _version, ...viewer } = user;
  return viewer;
});
