'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import { ActionStatus } from '@/components/actions/action-status';
import { useActionRunner } from '@/components/actions/use-action-runner';
import { buttonStyles } from '@/components/ui/button-styles';
import { saveAlertRuleAction } from '@/lib/actions/save-alert-rule';
import { thresholdRange } from '@/lib/alerts/alert-kinds';
import type { AlertRule } from '@/lib/alerts/alert-rules';
import { useAlertErrorText } from './use-alert-error-text';

/** One rule of a flow: on or off, its threshold, who else is told, and where its values come from. */
export function AlertRuleRow({
  flowId,
  rule,
  members,
  canEdit,
}: {
  flowId: string;
  rule: AlertRule;
  members: { id: number; name: string }[];
  canEdit: boolean;
}) {
  const t = useTranslations('alerts.rules');
  const router = useRouter();
  const id = useId();
  const range = thresholdRange[rule.kind];
  const [enabled, setEnabled] = useState(rule.enabled);
  const [threshold, setThreshold] = useState(String(rule.threshold));
  const [extra, setExtra] = useState<number[]>(rule.extraRecipients);
  const runner = useActionRunner({ errorText: useAlertErrorText(), savedText: t('saved') });
  const thresholdNumber = Number(threshold);
  const unit =
    range.unit === 'percent'
      ? t('unitPercent')
      : t('unitTasks', { count: Number.isFinite(thresholdNumber) ? thresholdNumber : 0 });

  function save() {
    runner.run(
      () =>
        saveAlertRuleAction({ flowId, kind: rule.kind, enabled, threshold: thresholdNumber, extraRecipients: extra }),
      () => router.refresh(),
    );
  }

  const labelId = `${id}-label`;
  return (
    <li className="border-b border-slate-100 py-3" aria-labelledby={labelId}>
      <form
        className="flex flex-wrap items-end gap-x-4 gap-y-2"
        onSubmit={(event) => {
          event.preventDefault();
          save();
        }}
      >
        <div className="min-w-56 flex-1">
          <p id={labelId} className="text-sm font-semibold text-slate-900">
            {t(`kind.${rule.kind}`)}
          </p>
          <p className="text-xs text-slate-600">
            {t(`source.${rule.source}`)} · {t('recipients')}:{' '}
            {rule.kind === 'task_risk_over' ? t('toTaskAndOwner') : t('toOwner')}
          </p>
        </div>
        <label className="flex items-center gap-2 text-sm text-slate-800">
          <input
            type="checkbox"
            checked={enabled}
            disabled={!canEdit}
            onChange={(event) => setEnabled(event.target.checked)}
            aria-describedby={labelId}
          />
          {t('on')}
        </label>
        <label className="text-sm text-slate-800">
          <span className="sr-only">
            {t(`kind.${rule.kind}`)}: {t('threshold')}
          </span>
          <span aria-hidden="true" className="block text-xs text-slate-600">
            {t('threshold')}
          </span>
          <span className="flex items-center gap-1">
            <input
              type="number"
              min={range.min}
              max={range.max}
              step={1}
              required
              value={threshold}
              disabled={!canEdit}
              onChange={(event) => setThreshold(event.target.value)}
              aria-invalid={runner.fields.threshold ? true : undefined}
              title={t('range', { min: range.min, max: range.max })}
              className="w-24 rounded-md border border-slate-300 px-2 py-1 text-sm"
            />
            <span>{unit}</span>
          </span>
        </label>
        <details className="text-sm">
          <summary className="cursor-pointer text-brand-700">
            {t('alsoTell')}:{' '}
            {extra.length === 0
              ? t('alsoTellNone')
              : members
                  .filter((m) => extra.includes(m.id))
                  .map((m) => m.name)
                  .join(', ')}
          </summary>
          <fieldset className="mt-2 max-h-48 overflow-y-auto rounded-md border border-slate-200 p-2">
            <legend className="sr-only">{t('alsoTell')}</legend>
            {members.map((member) => (
              <label key={member.id} className="flex items-center gap-2 py-0.5">
                <input
                  type="checkbox"
                  disabled={!canEdit}
                  checked={extra.includes(member.id)}
                  onChange={(event) =>
                    setExtra((current) =>
                      event.target.checked ? [...current, member.id] : current.filter((value) => value !== member.id),
                    )
                  }
                />
                {member.name}
              </label>
            ))}
          </fieldset>
        </details>
        {canEdit && (
          <button type="submit" className={buttonStyles.secondary} disabled={runner.pending}>
            {runner.pending ? t('saving') : t('save')}
          </button>
        )}
        <ActionStatus message={runner.message} className="w-full" />
      </form>
    </li>
  );
}
