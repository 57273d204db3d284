'use client';

import { useTranslations } from 'next-intl';
import { useState, type RefObject } from 'react';
import { createMeetingFromMessageAction } from '@/lib/actions/create-meeting-from-message';
import type { AnalysisMessageView, AnalysisView } from '@/lib/copilot/analysis/analysis-view';
import { daysAhead, fieldClass, labelClass, localInputValue, titleFrom } from './dialog-form-fields';
import { PortalActionDialog, usePortalAction } from './portal-action-dialog';

const durations = [15, 30, 45, 60, 90, 120];

/** "Create meeting" from a message: the flow's team invited (editable), sent with calendar.event.add. */
export function CreateMeetingDialog({
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
  const t = useTranslations('copilot.meetingDialog');
  const action = usePortalAction(view.id, createMeetingFromMessageAction);
  const [name, setName] = useState(() => titleFrom(advice));
  const [description, setDescription] = useState(quoted);
  const [start, setStart] = useState(() => localInputValue(daysAhead(1, 11)));
  const [duration, setDuration] = useState(30);
  const [attendees, setAttendees] = useState<Set<number>>(() => new Set(view.flow.team.map((person) => person.id)));

  function toggle(id: number, on: boolean) {
    setAttendees((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  function submit() {
    if (attendees.size === 0) return action.setError(t('noAttendees'));
    void action.submit({
      analysisId: view.id,
      messageIndex: message.index,
      name,
      description,
      from: new Date(start).toISOString(),
      durationMinutes: duration,
      attendees: [...attendees],
    });
  }

  return (
    <PortalActionDialog
      texts="copilot.meetingDialog"
      action={action}
      onSubmit={submit}
      returnFocusTo={returnFocusTo}
      onClose={onClose}
      hint={t('organiser')}
    >
      <label className={labelClass}>
        {t('name')}
        <input
          required
          maxLength={250}
          value={name}
          onChange={(event) => setName(event.target.value)}
          className={fieldClass}
        />
      </label>
      <label className={labelClass}>
        {t('description')}
        <textarea
          rows={6}
          maxLength={20_000}
          value={description}
          onChange={(event) => setDescription(event.target.value)}
          className={fieldClass}
        />
      </label>
      <div className="grid grid-cols-2 gap-3">
        <label className={labelClass}>
          {t('start')}
          <input
            required
            type="datetime-local"
            value={start}
            onChange={(event) => setStart(event.target.value)}
            className={fieldClass}
          />
        </label>
        <label className={labelClass}>
          {t('duration')}
          <select value={duration} onChange={(event) => setDuration(Number(event.target.value))} className={fieldClass}>
            {durations.map((minutes) => (
              <option key={minutes} value={minutes}>
                {t('minutes', { count: minutes })}
              </option>
            ))}
          </select>
        </label>
      </div>
      <fieldset>
        <legend className={labelClass}>{t('attendees')}</legend>
        <ul className="mt-1 max-h-40 space-y-1 overflow-y-auto rounded-md border border-slate-200 p-2">
          {view.flow.team.map((person) => (
            <li key={person.id}>
              <label className="flex items-center gap-2 text-sm text-slate-800">
                <input
                  type="checkbox"
                  checked={attendees.has(person.id)}
                  onChange={(event) => toggle(person.id, event.target.checked)}
                />
                {person.name}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
    </PortalActionDialog>
  );
}
