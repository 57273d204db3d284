'use client';

import { useTranslations } from 'next-intl';
import type { AnalysisView } from '@/lib/copilot/analysis/analysis-view';
import { orderedFigures, type Finding } from '@/lib/findings/finding';
import { useFigureText, useLateCause } from './use-message-text';

/** The findings behind a message: their figures, the people and the tasks (linked to Bitrix24). */
export function MessageEvidence({
  id,
  view,
  findings,
  number,
}: {
  id: string;
  view: AnalysisView;
  findings: Finding[];
  number: number;
}) {
  const t = useTranslations('copilot');
  const figure = useFigureText();
  const lateCause = useLateCause();
  return (
    <section
      id={id}
      aria-label={t('message.evidenceFor', { number })}
      className="mt-2 space-y-3 rounded-lg bg-slate-50 p-3 text-sm"
    >
      {findings.map((finding) => (
        <div key={finding.id} className="space-y-2">
          <p className="font-semibold text-slate-900">{t(`kinds.${finding.kind}`)}</p>
          {lateCause(finding) && <p className="text-slate-700">{lateCause(finding)}</p>}
          <dl className="grid grid-cols-[1fr_auto] gap-x-4 gap-y-0.5">
            {orderedFigures(finding).map(([key, value]) => (
              <div key={key} className="contents">
                <dt className="text-slate-700">{figure.label(key)}</dt>
                <dd className="text-right font-medium tabular-nums text-slate-900">
                  {figure.value(finding, key, value)}
                </dd>
              </div>
            ))}
          </dl>
          {finding.people.length > 0 && (
            <p className="text-slate-700">
              {t('message.people')}:{' '}
              {finding.people.map((person) => view.people[person]?.name ?? `#${person}`).join(', ')}
            </p>
          )}
          {finding.taskIds.length > 0 && (
            <div className="text-slate-700">
              <p>{t('message.tasks')}:</p>
              <ul className="mt-0.5 space-y-0.5">
                {finding.taskIds.map((taskId) => {
                  const task = view.tasks[taskId];
                  return (
                    <li key={taskId}>
                      {task ? (
                        <a href={task.url} target="_blank" rel="noreferrer" className="text-brand-700 underline">
                          #{taskId} {task.title}
                        </a>
                      ) : (
                        <span>#{taskId}</span>
                      )}
                    </li>
                  );
                })}
              </ul>
            </div>
          )}
        </div>
      ))}
    </section>
  );
}
