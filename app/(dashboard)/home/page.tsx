import { redirect } from 'next/navigation';
import { homePath } from '@/lib/auth/roles';
import { getViewer } from '@/lib/auth/session';

/** Where sign-in lands: each role's own start page. */
export default async function HomePage() {
  const viewer = await getViewer();
  redirect(viewer ? homePath(viewer.role) : '/sign-in');
}
