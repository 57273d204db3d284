'use client';

import { PageError } from '@/components/errors/page-error';
import { Logo } from '@/components/layout/logo';

/**
 * Catches what the section error boundaries cannot: a failing layout, such as the dashboard's
 * when the database (and so the session check) is unreachable.
 */
export default function RootError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="mx-auto max-w-3xl px-4 py-8 sm:px-6">
      <div className="mb-8">
        <Logo />
      </div>
      <main id="main">
        <PageError digest={error.digest} reset={reset} />
      </main>
    </div>
  );
}
