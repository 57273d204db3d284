import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { AppHeader } from '@/components/layout/app-header';
import { SkipLink } from '@/components/layout/skip-link';
import { getViewer } from '@/lib/auth/session';

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const viewer = await getViewer();
  // A session that ended (deactivated, signed out everywhere) lands here with a still-valid cookie.
  if (!viewer) redirect('/sign-in?error=SessionEnded');
  return (
    <>
      <SkipLink />
      <AppHeader viewer={viewer} />
      <main id="main" className="mx-auto max-w-7xl px-4 py-8 sm:px-6">
        {children}
      </main>
    </>
  );
}
