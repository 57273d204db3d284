'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { buttonStyles } from '@/components/ui/button-styles';
import type { AnalysisView } from '@/lib/copilot/analysis/analysis-view';
import { efficiencyLine } from '@/lib/metrics/efficiency-line';
import { AnalysisChanges } from './analysis-changes';
import { CopilotBubble } from './copilot-bubble';
import { CopilotMessage } from './copilot-message';
import { LostPointsBreakdown } from './lost-points-breakdown';
import { MessageOutcomeView } from './message-outcome';

/** One analysis as a chat: the greeting, where the points went, what changed, then the numbered messages. */
export function AnalysisChat({
  view,
  onFresh,
  requesting,
}: {
  view: AnalysisView;
  onFresh: () => void;
  requesting: boolean;
}) {
  const t = useTranslations('copilot');
  const greeting = useTranslations('analyst.greeting');
  const format = useFormatter();
  const low = view.efficiency < efficiencyLine;
  const running = view.state === 'running';
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2 text-xs text-slate-600">
        <p>
          {t('analysedAt', {
            date: format.dateTime(new Date(view.startedAt), { dateStyle: 'medium', timeStyle: 'short' }),
            tasks: view.taskCount,
          })}
          {' · '}
          {view.model === 'builtin' ? t('modelLabel.builtin') : t('modelLabel.other', { model: view.model })}
        </p>
        <button
          type="button"
          className={buttonStyles.secondary}
          onClick={onFresh}
          disabled={running || requesting}
          title={t('againHint')}
        >
          {t('again')}
        </button>
      </div>
      {view.fallback && (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">{t(`fallback.${view.fallback}`)}</p>
      )}
      {view.state === 'failed' && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {t('failed')}
        </p>
      )}
      {view.state === 'succeeded' && view.messages.length === 0 && (
        <p className="rounded-md bg-white px-3 py-2 text-sm text-slate-700">{t('nothingToAnalyse')}</p>
      )}
      {view.state === 'interrupted' && (
        <p role="alert" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {t('interrupted')}
        </p>
      )}
      <CopilotBubble>
        <p className="font-semibold text-slate-900">{greeting('title')}</p>
        <p className="text-base font-semibold text-violet-900">
          {low ? greeting('low', { efficiency: view.efficiency }) : greeting('high', { efficiency: view.efficiency })}
        </p>
        <p className="text-sm text-slate-700">{low ? greeting('lowLine') : greeting('highLine')}</p>
      </CopilotBubble>
      {low && <LostPointsBreakdown view={view} />}
      {view.followedEarlier.length > 0 && (
        <CopilotBubble>
          <p className="font-semibold text-slate-900">{t('outcome.earlierTitle')}</p>
          {view.followedEarlier.map((outcome) => (
            <MessageOutcomeView
              key={outcome.id}
              outcome={outcome}
              people={view.outcomePeople}
              title={t(`kinds.${outcome.kind}`)}
            />
          ))}
        </CopilotBubble>
      )}
      {view.previous && <AnalysisChanges view={view} previous={view.previous} />}
      <ol aria-label={t('title')} aria-live="polite" aria-busy={running} className="space-y-3">
        {view.messages.map((message) => (
          <CopilotMessage key={message.index} view={view} message={message} />
        ))}
      </ol>
      {running && (
        <p role="status" className="flex items-center gap-2 text-sm text-slate-700">
          <span aria-hidden="true" className="size-3 animate-pulse rounded-full bg-violet-600" />
          {t('thinking')}
        </p>
      )}
    </div>
  );
}
