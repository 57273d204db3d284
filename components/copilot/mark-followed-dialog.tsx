'use client';

import * as Dialog from '@radix-ui/react-dialog';
import { useTranslations } from 'next-intl';
import { useId, useState, type RefObject } from 'react';
import { useActionRunner } from '@/components/actions/use-action-runner';
import { buttonStyles } from '@/components/ui/button-styles';
import { markMessageFollowedAction } from '@/lib/actions/mark-message-followed';
import type { AnalysisMessageView, AnalysisView } from '@/lib/copilot/analysis/analysis-view';
import { copilotKeys } from '@/lib/query/keys';
import { MessageDialog } from './message-dialog';

/** The day in the browser's calendar, as YYYY-MM-DD. */
function localDay(date: Date): string {
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}

/** "We did this": the day the team acted on a message, from the analysis's day to today. */
export function MarkFollowedDialog({
  view,
  message,
  returnFocusTo,
  onClose,
}: {
  view: AnalysisView;
  message: AnalysisMessageView;
  returnFocusTo: RefObject<HTMLElement | null>;
  onClose: () => void;
}) {
  const t = useTranslations('copilot.markFollowed');
  const today = localDay(new Date());
  const earliest = localDay(new Date(view.startedAt));
  const [date, setDate] = useState(today);
  const [done, setDone] = useState(false);
  const dateId = useId();
  const runner = useActionRunner({
    errorText: (failure) =>
      failure.error === 'invalid-date' || failure.error === 'invalid' ? t('invalidDate') : t('failed'),
  });
  return (
    <MessageDialog
      title={t('title')}
      description={t('hint')}
      describeVisibly
      size="narrow"
      returnFocusTo={returnFocusTo}
      onClose={onClose}
    >
      <form
        className="mt-4 space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          runner.run(
            () => markMessageFollowedAction({ analysisId: view.id, messageIndex: message.index, date }),
            () => {
              setDone(true);
              return { kind: 'ok', text: t('done') };
            },
            [copilotKeys.analysis(view.id)],
          );
        }}
      >
        <label htmlFor={dateId} className="block text-sm font-medium text-slate-800">
          {t('date')}
        </label>
        <input
          id={dateId}
          type="date"
          required
          min={earliest}
          max={today}
          value={date}
          disabled={done}
          onChange={(event) => setDate(event.target.value)}
          className="block rounded-md border border-slate-300 px-3 py-2 text-sm"
        />
        {runner.message && (
          <p
            role={runner.message.kind === 'error' ? 'alert' : 'status'}
            className={`rounded-md px-3 py-2 text-sm ${runner.message.kind === 'error' ? 'bg-red-50 text-red-800' : 'bg-emerald-50 text-emerald-900'}`}
          >
            {runner.message.text}
          </p>
        )}
        <div className="flex justify-end gap-2">
          <Dialog.Close type="button" className={buttonStyles.secondary}>
            {done ? t('close') : t('cancel')}
          </Dialog.Close>
          {!done && (
            <button type="submit" className={buttonStyles.primary} disabled={runner.pending}>
              {t('submit')}
            </button>
          )}
        </div>
      </form>
    </MessageDialog>
  );
}
