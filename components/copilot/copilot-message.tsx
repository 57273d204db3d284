'use client';

import { useTranslations } from 'next-intl';
import { useId, useRef, useState } from 'react';
import type { AnalysisMessageView, AnalysisView } from '@/lib/copilot/analysis/analysis-view';
import { CopilotBubble } from './copilot-bubble';
import { CreateMeetingDialog } from './create-meeting-dialog';
import { CreateTaskDialog } from './create-task-dialog';
import { MarkFollowedDialog } from './mark-followed-dialog';
import { MessageActionsMenu } from './message-actions-menu';
import { MessageEvidence } from './message-evidence';
import { MessageOutcomeView } from './message-outcome';
import { useMessageText } from './use-message-text';

/** One numbered CoPilot message: what is happening, the recommendation, its evidence and its "…" menu. */
export function CopilotMessage({ view, message }: { view: AnalysisView; message: AnalysisMessageView }) {
  const t = useTranslations('copilot');
  const number = message.index + 1;
  const text = useMessageText(view)(message);
  const [evidenceOpen, setEvidenceOpen] = useState(false);
  const [dialog, setDialog] = useState<'task' | 'meeting' | 'followed' | null>(null);
  const evidenceId = useId();
  const menuTrigger = useRef<HTMLButtonElement>(null);
  const findings = view.findings.filter((finding) => message.findingIds.includes(finding.id));
  const points = findings.reduce((sum, finding) => sum + finding.lostPoints, 0);

  return (
    <li aria-label={t('message.label', { number })}>
      <CopilotBubble>
        <div className="flex items-start justify-between gap-2">
          <p className="text-sm text-slate-800">
            <span className="mr-1.5 inline-flex size-5 items-center justify-center rounded-full bg-violet-100 text-xs font-semibold text-violet-800">
              {number}
            </span>
            {text.factor}
          </p>
          <MessageActionsMenu
            view={view}
            message={message}
            plainText={text.text}
            onCreate={setDialog}
            triggerRef={menuTrigger}
          />
        </div>
        <p className="text-sm text-slate-800">
          <strong>{t('message.recommendation')}</strong> {text.advice}
        </p>
        <div className="flex flex-wrap items-center gap-2 pt-1">
          <button
            type="button"
            aria-expanded={evidenceOpen}
            aria-controls={evidenceId}
            onClick={() => setEvidenceOpen((open) => !open)}
            className="inline-flex items-center gap-1 rounded-full border border-slate-300 bg-slate-50 px-2.5 py-0.5 text-xs font-medium text-slate-800 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-600"
          >
            <span aria-hidden="true">{evidenceOpen ? '▾' : '▸'}</span>
            {t('message.evidence')}
            {points > 0 && <span className="text-red-800">· {t('message.points', { points })}</span>}
          </button>
          {message.actions.map((action) => (
            <a
              key={`${action.kind}-${action.bitrixId}`}
              href={action.url}
              target="_blank"
              rel="noreferrer"
              className="text-xs font-medium text-brand-700 underline"
            >
              {t(`message.created.${action.kind}`)} (#{action.bitrixId})
            </a>
          ))}
        </div>
        {evidenceOpen && <MessageEvidence id={evidenceId} view={view} findings={findings} number={number} />}
        {message.followed && <MessageOutcomeView outcome={message.followed} people={view.outcomePeople} />}
      </CopilotBubble>
      {dialog === 'followed' && (
        <MarkFollowedDialog view={view} message={message} returnFocusTo={menuTrigger} onClose={() => setDialog(null)} />
      )}
      {dialog === 'task' && (
        <CreateTaskDialog
          view={view}
          message={message}
          quoted={text.quoted}
          advice={text.advice}
          returnFocusTo={menuTrigger}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog === 'meeting' && (
        <CreateMeetingDialog
          view={view}
          message={message}
          quoted={text.quoted}
          advice={text.advice}
          returnFocusTo={menuTrigger}
          onClose={() => setDialog(null)}
        />
      )}
    </li>
  );
}
