'use client';

import { useTranslations } from 'next-intl';
import { CopilotBubble } from './copilot-bubble';

const examples = ['approval', 'comments', 'assignee'] as const;

/** For a flow of fewer than 10 tasks: clearly labelled examples of what CoPilot will say. */
export function ExampleChat({ taskCount }: { taskCount: number }) {
  const t = useTranslations('analyst');
  const copilot = useTranslations('copilot');
  return (
    <div className="space-y-4">
      <p role="note" className="rounded-md bg-sky-50 px-3 py-2 text-sm text-sky-900">
        {copilot('examplesNote', { count: taskCount })}
      </p>
      <CopilotBubble>
        <p className="font-semibold text-slate-900">{t('greeting.title')}</p>
        <p className="text-base font-semibold text-violet-900">{t('examples.subtitle')}</p>
        <p className="text-sm text-slate-700">{t('examples.line')}</p>
      </CopilotBubble>
      <ol className="space-y-3">
        {examples.map((key) => (
          <li key={key}>
            <CopilotBubble label={t('examples.label')}>
              <p className="text-sm text-slate-800">{t(`examples.items.${key}.factor`)}</p>
              <p className="text-sm text-slate-800">
                <strong>{t('recommendation')}</strong> {t(`examples.items.${key}.advice`)}
              </p>
            </CopilotBubble>
          </li>
        ))}
      </ol>
    </div>
  );
}
