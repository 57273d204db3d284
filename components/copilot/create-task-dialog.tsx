'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useState, type RefObject } from 'react';
import { createTaskFromMessageAction } from '@/lib/actions/create-task-from-message';
import type { AnalysisMessageView, AnalysisView } from '@/lib/copilot/analysis/analysis-view';
import { daysAhead, fieldClass, labelClass, localInputValue, titleFrom } from './dialog-form-fields';
import { PortalActionDialog, usePortalAction } from './portal-action-dialog';

/** "Create task" from a message: prefilled, sent to the flow with tasks.task.add. */
export function CreateTaskDialog({
  view,
  message,
  quoted,
  advice,
  returnFocusTo,
  onClose,
}: {
  view: AnalysisView;
  message: AnalysisMessageView;
  quoted: string;
  advice: string;
  returnFocusTo: RefObject<HTMLElement | null>;
  onClose: () => void;
}) {
  const t = useTranslations('copilot.taskDialog');
  const format = useFormatter();
  const action = usePortalAction(view.id, createTaskFromMessageAction);
  const people =
    view.flow.ownerId !== null && !view.flow.team.some((person) => person.id === view.flow.ownerId)
      ? [view.people[view.flow.ownerId] ?? { id: view.flow.ownerId, name: `#${view.flow.ownerId}` }, ...view.flow.team]
      : view.flow.team;
  const [title, setTitle] = useState(() => titleFrom(advice));
  const [description, setDescription] = useState(quoted);
  const [responsibleId, setResponsibleId] = useState(() => String(view.flow.ownerId ?? people[0]?.id ?? ''));
  const [deadline, setDeadline] = useState(() => localInputValue(daysAhead(3, 18)));

  function submit() {
    void action.submit({
      analysisId: view.id,
      messageIndex: message.index,
      title,
      description,
      responsibleId: Number(responsibleId),
      deadline: new Date(deadline).toISOString(),
    });
  }

  return (
    <PortalActionDialog
      texts="copilot.taskDialog"
      action={action}
      onSubmit={submit}
      returnFocusTo={returnFocusTo}
      onClose={onClose}
      hint={t('flowRules')}
      outcome={({ applied }) => {
        if (!applied) return null;
        if (!applied.inFlow) return t('outsideFlow');
        const name = view.people[applied.responsibleId]?.name ?? `#${applied.responsibleId}`;
        return applied.deadline
          ? t('applied', {
              name,
              deadline: format.dateTime(new Date(applied.deadline), { dateStyle: 'medium', timeStyle: 'short' }),
            })
          : t('appliedNoDeadline', { name });
      }}
    >
      <label className={labelClass}>
        {t('name')}
        <input
          required
          maxLength={250}
          value={title}
          onChange={(event) => setTitle(event.target.value)}
          className={fieldClass}
        />
      </label>
      <label className={labelClass}>
        {t('description')}
        <textarea
          rows={8}
          maxLength={20_000}
          value={description}
          onChange={(event) => setDescription(event.target.value)}
          className={fieldClass}
        />
      </label>
      <label className={labelClass}>
        {t('assignee')}
        <select
          required
          value={responsibleId}
          onChange={(event) => setResponsibleId(event.target.value)}
          className={fieldClass}
        >
          {people.map((person) => (
            <option key={person.id} value={person.id}>
              {person.name}
            </option>
          ))}
        </select>
      </label>
      <label className={labelClass}>
        {t('deadline')}
        <input
          required
          type="datetime-local"
          value={deadline}
          onChange={(event) => setDeadline(event.target.value)}
          className={fieldClass}
        />
      </label>
    </PortalActionDialog>
  );
}
