import type { ReactNode } from 'react';
import { AppHeader } from '@/components/layout/app-header';
import { SkipLink } from '@/components/layout/skip-link';

export default function DashboardLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <SkipLink />
      <AppHeader />
      <main id="main" className="mx-auto max-w-7xl px-4 py-8 sm:px-6">
        {children}
      </main>
    </>
  );
}
