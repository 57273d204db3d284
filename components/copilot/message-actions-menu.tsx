'use client';

import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState, type RefObject } from 'react';
import { rateCopilotMessageAction } from '@/lib/actions/rate-copilot-message';
import type { AnalysisMessageView, AnalysisView } from '@/lib/copilot/analysis/analysis-view';
import { copilotKeys } from '@/lib/query/keys';

const itemClass =
  'flex w-full cursor-default select-none items-center gap-2 rounded px-3 py-2 text-sm text-slate-800 outline-none data-[highlighted]:bg-slate-100 aria-checked:font-semibold';

/** The "…" menu of a message: task, meeting, "we did this", copy, helpful / not helpful. */
export function MessageActionsMenu({
  view,
  message,
  plainText,
  onCreate,
  triggerRef,
}: {
  view: AnalysisView;
  message: AnalysisMessageView;
  plainText: string;
  onCreate: (kind: 'task' | 'meeting' | 'followed') => void;
  /** The dialogs opened from the menu give focus back here when they close. */
  triggerRef: RefObject<HTMLButtonElement | null>;
}) {
  const t = useTranslations('copilot.actions');
  const queryClient = useQueryClient();
  const [notice, setNotice] = useState<string | null>(null);
  const number = message.index + 1;

  async function copy() {
    try {
      await navigator.clipboard.writeText(plainText);
      setNotice(t('copied'));
    } catch {
      setNotice(t('copyFailed'));
    }
  }

  async function rate(helpful: boolean) {
    const result = await rateCopilotMessageAction({ analysisId: view.id, messageIndex: message.index, helpful }).catch(
      () => null,
    );
    setNotice(result?.ok ? t('thanks') : t('voteFailed'));
    await queryClient.invalidateQueries({ queryKey: copilotKeys.analysis(view.id) });
  }

  const { mine, helpful, notHelpful } = message.feedback;
  return (
    <div className="flex shrink-0 flex-col items-end">
      <DropdownMenu.Root>
        <DropdownMenu.Trigger
          ref={triggerRef}
          aria-label={t('menu', { number })}
          className="rounded-md px-2 py-0.5 text-lg leading-none text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-600"
        >
          …
        </DropdownMenu.Trigger>
        <DropdownMenu.Portal>
          <DropdownMenu.Content
            align="end"
            sideOffset={4}
            className="z-[60] min-w-52 rounded-lg border border-slate-200 bg-white p-1 shadow-lg"
          >
            <DropdownMenu.Item className={itemClass} onSelect={() => onCreate('task')}>
              {t('createTask')}
            </DropdownMenu.Item>
            <DropdownMenu.Item className={itemClass} onSelect={() => onCreate('meeting')}>
              {t('createMeeting')}
            </DropdownMenu.Item>
            {message.followable && message.followed === null && (
              <DropdownMenu.Item className={itemClass} onSelect={() => onCreate('followed')}>
                {t('weDidThis')}
              </DropdownMenu.Item>
            )}
            <DropdownMenu.Item className={itemClass} onSelect={() => void copy()}>
              {t('copy')}
            </DropdownMenu.Item>
            <DropdownMenu.Separator className="my-1 h-px bg-slate-100" />
            <DropdownMenu.RadioGroup
              value={mine === null ? '' : String(mine)}
              onValueChange={(value) => void rate(value === 'true')}
            >
              <DropdownMenu.RadioItem className={itemClass} value="true">
                {t('helpful')}
              </DropdownMenu.RadioItem>
              <DropdownMenu.RadioItem className={itemClass} value="false">
                {t('notHelpful')}
              </DropdownMenu.RadioItem>
            </DropdownMenu.RadioGroup>
          </DropdownMenu.Content>
        </DropdownMenu.Portal>
      </DropdownMenu.Root>
      <span role="status" className="text-xs text-slate-600">
        {notice}
      </span>
      {helpful !== null && notHelpful !== null && helpful + notHelpful > 0 && (
        <span className="text-xs text-slate-600">{t('votes', { helpful, notHelpful })}</span>
      )}
    </div>
  );
}
