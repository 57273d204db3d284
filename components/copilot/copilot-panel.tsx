'use client';

import * as Dialog from '@radix-ui/react-dialog';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useFormatter, useTranslations } from 'next-intl';
import { useEffect, type RefObject } from 'react';
import { buttonStyles } from '@/components/ui/button-styles';
import { requestAnalysisAction } from '@/lib/actions/request-analysis';
import type { AnalysisView } from '@/lib/copilot/analysis/analysis-view';
import type { AnalysisOutcome } from '@/lib/copilot/analysis/request-analysis';
import { readJson } from '@/lib/query/read-json';
import { copilotKeys } from '@/lib/query/keys';
import { AnalysisChat } from './analysis-chat';
import { CopilotMark } from './copilot-mark';
import { ExampleChat } from './example-chat';

/** How often the panel looks for new messages while CoPilot is writing. */
const pollWhileRunningMs = 400;

/**
 * CoPilot's panel for one flow: asks for the analysis (the last one, a running one, or a new one)
 * and shows it as a chat; messages appear as the model writes them.
 */
export function CopilotPanel({
  flowId,
  flowName,
  trigger,
}: {
  flowId: string;
  flowName: string;
  /** Focused again when the panel closes. */
  trigger: RefObject<HTMLButtonElement | null>;
}) {
  const t = useTranslations('copilot');
  const request = useMutation({
    mutationFn: async (fresh: boolean): Promise<AnalysisOutcome> => {
      const result = await requestAnalysisAction({ flowId, fresh }).catch(() => null);
      if (!result) throw new Error(t('errors.network'));
      if (!result.ok)
        throw new Error(
          t.has(`errors.${result.error}`) ? t(`errors.${result.error}` as Parameters<typeof t>[0]) : t('errors.failed'),
        );
      return result.data;
    },
  });
  const { mutate } = request;
  useEffect(() => mutate(false), [mutate]);

  const outcome = request.data;
  const analysisId =
    outcome?.kind === 'analysis' ? outcome.analysisId : outcome?.kind === 'quota' ? outcome.lastAnalysisId : null;

  return (
    <Dialog.Portal>
      <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
      <Dialog.Content
        onCloseAutoFocus={(event) => {
          event.preventDefault();
          trigger.current?.focus();
        }}
        className="fixed inset-y-0 right-0 z-50 flex w-full max-w-xl flex-col bg-slate-50 shadow-2xl focus:outline-none"
      >
        <header className="flex items-start justify-between gap-3 border-b border-slate-200 bg-white px-5 py-4">
          <div className="flex items-center gap-3">
            <span className="flex size-9 items-center justify-center rounded-full bg-violet-700 text-white">
              <CopilotMark className="size-5" />
            </span>
            <div>
              <Dialog.Title className="text-lg font-semibold text-slate-900">{t('title')}</Dialog.Title>
              <Dialog.Description className="text-sm text-slate-600">
                {t('flowLine', { flow: flowName })}
              </Dialog.Description>
            </div>
          </div>
          <Dialog.Close className="rounded-md px-2 py-1 text-sm font-medium text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-600">
            {t('close')}
          </Dialog.Close>
        </header>
        <div className="flex-1 overflow-y-auto px-5 py-4">
          {request.isPending && !outcome && <Loading label={t('loading')} />}
          {request.isError && (
            <div role="alert" className="space-y-3 rounded-lg bg-red-50 p-4 text-sm text-red-800">
              <p>{t('requestFailed', { reason: request.error.message })}</p>
              <button type="button" className={buttonStyles.secondary} onClick={() => mutate(false)}>
                {t('retry')}
              </button>
            </div>
          )}
          {outcome?.kind === 'off' && <p className="rounded-lg bg-white p-4 text-sm text-slate-700">{t('off')}</p>}
          {outcome?.kind === 'examples' && <ExampleChat taskCount={outcome.taskCount} />}
          {outcome?.kind === 'quota' && (
            <QuotaNotice limit={outcome.limit} resetAt={outcome.resetAt} hasLast={outcome.lastAnalysisId !== null} />
          )}
          {analysisId && (
            <AnalysisLoader analysisId={analysisId} onFresh={() => mutate(true)} requesting={request.isPending} />
          )}
        </div>
      </Dialog.Content>
    </Dialog.Portal>
  );
}

function Loading({ label }: { label: string }) {
  return (
    <p role="status" className="flex items-center gap-2 text-sm text-slate-700">
      <span aria-hidden="true" className="size-3 animate-pulse rounded-full bg-violet-600" />
      {label}
    </p>
  );
}

export function QuotaNotice({
  limit,
  resetAt,
  hasLast,
}: {
  limit: 'hour' | 'month' | 'user-day';
  resetAt: string;
  hasLast: boolean;
}) {
  const t = useTranslations('copilot');
  const format = useFormatter();
  return (
    <p role="alert" className="mb-4 rounded-lg bg-amber-50 p-4 text-sm text-amber-900">
      {/* With the zone named: the reader, the server and the portal may each keep another clock. */}
      {t(`quota.${limit}`, {
        time: format.dateTime(
          new Date(resetAt),
          limit === 'month' ? { dateStyle: 'long' } : { hour: 'numeric', minute: '2-digit', timeZoneName: 'short' },
        ),
      })}{' '}
      {hasLast && t('quotaLast')}
    </p>
  );
}

function AnalysisLoader({
  analysisId,
  onFresh,
  requesting,
}: {
  analysisId: string;
  onFresh: () => void;
  requesting: boolean;
}) {
  const t = useTranslations('copilot');
  const query = useQuery({
    queryKey: copilotKeys.analysis(analysisId),
    queryFn: ({ signal }) => readJson<AnalysisView>(`/api/copilot/analyses/${encodeURIComponent(analysisId)}`, signal),
    refetchInterval: (current) => (current.state.data?.state === 'running' ? pollWhileRunningMs : false),
  });
  if (query.isPending) return <Loading label={t('loading')} />;
  if (query.isError) {
    return (
      <div role="alert" className="space-y-3 rounded-lg bg-red-50 p-4 text-sm text-red-800">
        <p>{t('requestFailed', { reason: t('errors.network') })}</p>
        <button type="button" className={buttonStyles.secondary} onClick={() => void query.refetch()}>
          {t('retry')}
        </button>
      </div>
    );
  }
  return <AnalysisChat view={query.data} onFresh={onFresh} requesting={requesting} />;
}
