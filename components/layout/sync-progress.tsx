'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useFormatter, useTranslations } from 'next-intl';
import { useEffect, useRef } from 'react';
import { dashboardKeys, syncKeys } from '@/lib/query/keys';
import { fetchSyncStatus } from '@/lib/sync/sync-status-schema';

const knownPhases = new Set([
  'starting',
  'directory',
  'tasks',
  'changes',
  'flows',
  'histories',
  'deletions',
  'figures',
  'done',
]);

/**
 * A bar under the header while a sync runs: what it is doing, how far it got and the time left,
 * polled every 2 s (every 30 s when idle). When a sync ends the page and its dashboard queries reload; when one
 * failed, admins see why and where to fix it.
 */
export function SyncProgress({ canManage }: { canManage: boolean }) {
  const t = useTranslations('sync');
  const format = useFormatter();
  const router = useRouter();
  const queryClient = useQueryClient();
  const { data } = useQuery({
    queryKey: syncKeys.status(),
    queryFn: ({ signal }) => fetchSyncStatus(signal),
    refetchInterval: (query) => (query.state.data?.run?.state === 'running' ? 2_000 : 30_000),
    retry: false,
  });
  const run = data?.run ?? null;
  const wasRunning = useRef(false);
  useEffect(() => {
    if (run?.state === 'running') wasRunning.current = true;
    else if (wasRunning.current && run) {
      wasRunning.current = false;
      router.refresh();
      void queryClient.invalidateQueries({ queryKey: dashboardKeys.all });
    }
  }, [run, router, queryClient]);

  /** The failure in the reader's language; a code this version does not know reads as Flowpilot's own. */
  const failureText = (code: string | null) =>
    t(`errors.${code !== null && t.has(`errors.${code}`) ? code : 'internal'}` as 'errors.internal');

  if (!run) return null;
  if (run.state === 'failed') {
    if (!canManage) return null;
    return (
      <div role="alert" className="border-b border-red-200 bg-red-50 px-4 py-2 text-sm text-red-900 sm:px-6">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-3">
          <span className="font-medium">{t('failed', { kind: run.kind })}</span>
          <span>{failureText(run.errorCode)}</span>
          {run.error && <span className="text-red-800">{t('errors.details', { reason: run.error })}</span>}
          <Link
            href="/settings"
            className="underline underline-offset-2 focus-visible:outline-2 focus-visible:outline-red-700"
          >
            {t('openSettings')}
          </Link>
        </div>
      </div>
    );
  }
  if (run.state !== 'running') return null;

  const phase = knownPhases.has(run.phase) ? t(`phases.${run.phase}`) : run.phase;
  const percent = run.total ? Math.min(100, Math.round((run.done / run.total) * 100)) : null;
  const counts = run.total
    ? t('counts', { done: format.number(run.done), total: format.number(run.total) })
    : run.done
      ? format.number(run.done)
      : '';
  const eta =
    run.etaSeconds !== null && run.etaSeconds > 0
      ? t('eta', { time: format.relativeTime(new Date(run.etaSeconds * 1000), new Date(0)) })
      : '';
  const label = [t('running', { kind: run.kind }), phase, counts, eta].filter(Boolean).join(' · ');
  return (
    <div className="border-b border-sky-200 bg-sky-50 px-4 py-2 text-sm text-sky-950 sm:px-6">
      <div className="mx-auto flex max-w-7xl items-center gap-3">
        <span id="sync-progress-label" aria-live="polite" className="shrink-0">
          {label}
        </span>
        <div
          role="progressbar"
          aria-labelledby="sync-progress-label"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent ?? undefined}
          className="h-2 min-w-24 flex-1 overflow-hidden rounded-full bg-sky-100"
        >
          <div
            className={`h-full rounded-full bg-sky-600 ${percent === null ? 'w-1/3 animate-pulse' : ''}`}
            style={percent === null ? undefined : { width: `${percent}%` }}
          />
        </div>
      </div>
    </div>
  );
}
