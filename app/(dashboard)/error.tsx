'use client';

import { PageError } from '@/components/errors/page-error';

export default function DashboardError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <PageError digest={error.digest} reset={reset} />;
}
