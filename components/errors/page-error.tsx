'use client';

import { useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useTransition } from 'react';
import { buttonStyles } from '@/components/ui/button-styles';
import { systemKeys } from '@/lib/query/keys';

/**
 * What a page shows when it failed to render. It asks /api/health why, so a database outage
 * reads as one (with its reason) rather than as a generic failure.
 */
export function PageError({ digest, reset }: { digest?: string; reset: () => void }) {
  const t = useTranslations();
  const router = useRouter();
  const [retrying, startRetry] = useTransition();
  const { data } = useQuery({
    queryKey: systemKeys.health(),
    // Loaded when a page has failed: every page carries this boundary, and the check brings zod.
    queryFn: async ({ signal }) => (await import('@/lib/system/fetch-health')).fetchHealth(signal),
    retry: false,
  });
  const databaseDown = data?.status === 'error';
  const retry = () =>
    startRetry(() => {
      router.refresh();
      reset();
    });
  return (
    <section role="alert" className="rounded-xl border border-red-200 bg-white p-6 shadow-sm">
      <h1 className="text-xl font-semibold text-slate-900">
        {databaseDown ? t('errors.databaseTitle') : t('errors.title')}
      </h1>
      <p className="mt-2 max-w-2xl text-sm text-slate-700">
        {databaseDown ? t('errors.databaseBody', { reason: t(`health.reasons.${data.reasonCode}`) }) : t('errors.body')}
      </p>
      {digest && <p className="mt-2 font-mono text-xs text-slate-500">{t('errors.reference', { digest })}</p>}
      <button type="button" onClick={retry} disabled={retrying} className={`${buttonStyles.primary} mt-5`}>
        {t('common.tryAgain')}
      </button>
    </section>
  );
}
