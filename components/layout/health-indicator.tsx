'use client';

import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { systemKeys } from '@/lib/query/keys';
import { fetchHealth } from '@/lib/system/fetch-health';

type State = 'checking' | 'ok' | 'down' | 'unreachable';

const dotClass: Record<State, string> = {
  checking: 'bg-slate-400',
  ok: 'bg-emerald-500',
  down: 'bg-red-600',
  unreachable: 'bg-amber-500',
};

/** A dot and a word for the server and database state, polled every 15 s. */
export function HealthIndicator() {
  const t = useTranslations('health');
  const { data, isError, isPending } = useQuery({
    queryKey: systemKeys.health(),
    queryFn: ({ signal }) => fetchHealth(signal),
    refetchInterval: 15_000,
    retry: false,
  });
  const state: State = isPending ? 'checking' : isError ? 'unreachable' : data.status === 'ok' ? 'ok' : 'down';
  const detail = data?.status === 'error' ? t(`reasons.${data.reasonCode}`) : undefined;
  return (
    <div
      role="status"
      aria-live="polite"
      aria-label={t('label')}
      title={detail}
      data-state={state}
      className="flex items-center gap-2 rounded-full border border-slate-200 bg-white px-3 py-1 text-xs text-slate-700"
    >
      <span aria-hidden className={`size-2 rounded-full ${dotClass[state]}`} />
      <span>{t(state)}</span>
    </div>
  );
}
