'use client';

import * as Dialog from '@radix-ui/react-dialog';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent, type ReactNode, type RefObject } from 'react';
import { useActionRunner, type ActionFailure } from '@/components/actions/use-action-runner';
import { buttonStyles } from '@/components/ui/button-styles';
import type { ActionResult } from '@/lib/auth/guards';
import type { CreatedInPortal } from '@/lib/copilot/analysis/message-actions';
import { copilotKeys } from '@/lib/query/keys';
import { MessageDialog } from './message-dialog';

/** What went wrong, in the user's language; the portal's own words follow when it gave any. */
function usePortalErrorText() {
  const t = useTranslations('copilot.portalErrors');
  return (result: ActionFailure) => {
    const text = t.has(result.error) ? t(result.error as Parameters<typeof t>[0]) : t('other');
    return result.error.startsWith('portal-') && result.message
      ? `${text} ${t('detail', { detail: result.message })}`
      : text;
  };
}

/**
 * A "create in Bitrix24" submission: pending while the portal answers, its refusal in words (the
 * form keeps its fields), or the created item; the analysis is refetched so the message shows it.
 */
export function usePortalAction<I>(analysisId: string, action: (input: I) => Promise<ActionResult<CreatedInPortal>>) {
  const runner = useActionRunner({ errorText: usePortalErrorText() });
  const [created, setCreated] = useState<CreatedInPortal | null>(null);
  const submit = (input: I) =>
    runner.run(
      () => action(input),
      (data) => {
        setCreated(data);
        return null;
      },
      [copilotKeys.analysis(analysisId)],
    );
  const setError = (text: string | null) => runner.setMessage(text === null ? null : { kind: 'error', text });
  return {
    pending: runner.pending,
    error: runner.message?.kind === 'error' ? runner.message.text : null,
    created,
    submit,
    setError,
  };
}

/**
 * The dialog around a "create in Bitrix24" form: the form stays filled when the portal refuses,
 * with the reason above the buttons; on success the new item's link replaces the buttons.
 */
export function PortalActionDialog({
  texts,
  action,
  onSubmit,
  returnFocusTo,
  onClose,
  hint,
  outcome,
  children,
}: {
  /** The dialog's messages: title, submit, submitting, cancel, done and open. */
  texts: 'copilot.taskDialog' | 'copilot.meetingDialog';
  action: Pick<ReturnType<typeof usePortalAction>, 'pending' | 'error' | 'created'>;
  onSubmit: () => void;
  returnFocusTo: RefObject<HTMLElement | null>;
  onClose: () => void;
  /** What Bitrix24 does with the item beyond the form, said before it is sent. */
  hint: string;
  /** What Bitrix24 really did, said with the link once the item exists. */
  outcome?: (created: CreatedInPortal) => string | null;
  children: ReactNode;
}) {
  const t = useTranslations('copilot');
  const own = useTranslations(texts);
  const { pending, error, created } = action;
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onSubmit();
  }
  return (
    <MessageDialog
      title={own('title')}
      description={own('title')}
      describeVisibly={false}
      size="wide"
      returnFocusTo={returnFocusTo}
      onClose={onClose}
    >
      <p className="mt-2 text-sm text-slate-700">{hint}</p>
      <form onSubmit={submit} className="mt-4 space-y-4">
        <fieldset disabled={pending || created !== null} className="space-y-4">
          {children}
        </fieldset>
        {error && (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
            {error}
          </p>
        )}
        {created ? (
          <div className="space-y-3">
            <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
              {own('done')}{' '}
              <a href={created.url} target="_blank" rel="noreferrer" className="font-semibold underline">
                {own('open')} (#{created.bitrixId})
              </a>
              {outcome?.(created) && <span className="mt-1 block">{outcome(created)}</span>}
            </p>
            <Dialog.Close className={buttonStyles.secondary}>{t('close')}</Dialog.Close>
          </div>
        ) : (
          <div className="flex justify-end gap-2">
            <Dialog.Close type="button" className={buttonStyles.secondary}>
              {own('cancel')}
            </Dialog.Close>
            <button type="submit" className={buttonStyles.primary} disabled={pending}>
              {pending ? own('submitting') : own('submit')}
            </button>
          </div>
        )}
      </form>
    </MessageDialog>
  );
}
