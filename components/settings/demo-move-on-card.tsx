'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { ActionStatus } from '@/components/actions/action-status';
import { useActionRunner } from '@/components/actions/use-action-runner';
import { buttonStyles } from '@/components/ui/button-styles';
import { moveDemoOnAction } from '@/lib/actions/move-demo-on';
import { SettingsSection } from './settings-section';

const knownErrors = new Set(['not-demo', 'sync-running', 'demo-unreachable', 'not-found', 'invalid']);

/** Settings → Demo company: let days pass with one flow working well, to see what followed advice did. */
export function DemoMoveOnCard({ flows }: { flows: { id: string; name: string }[] }) {
  const t = useTranslations('settings.demoMoveOn');
  const router = useRouter();
  const [flowId, setFlowId] = useState(flows[0]?.id ?? '');
  const [days, setDays] = useState('14');
  const runner = useActionRunner({
    errorText: (failure) => t(`errors.${knownErrors.has(failure.error) ? failure.error : 'failed'}` as 'errors.failed'),
  });
  return (
    <SettingsSection title={t('title')} hint={t('hint')}>
      <form
        className="mt-3 flex flex-wrap items-end gap-4"
        onSubmit={(event) => {
          event.preventDefault();
          runner.run(
            () => moveDemoOnAction({ flowId, days: Number(days) }),
            (moved) => {
              router.refresh();
              return { kind: 'ok', text: t('done', moved) };
            },
          );
        }}
      >
        <label className="block text-sm font-medium text-slate-800">
          {t('flow')}
          <select
            className="mt-1 block rounded-md border border-slate-300 px-3 py-2 text-sm"
            value={flowId}
            onChange={(event) => setFlowId(event.target.value)}
          >
            {flows.map((flow) => (
              <option key={flow.id} value={flow.id}>
                {flow.name}
              </option>
            ))}
          </select>
        </label>
        <label className="block text-sm font-medium text-slate-800">
          {t('days')}
          <input
            type="number"
            min={1}
            max={28}
            required
            value={days}
            onChange={(event) => setDays(event.target.value)}
            className="mt-1 block w-24 rounded-md border border-slate-300 px-3 py-2 text-sm"
          />
        </label>
        <button type="submit" className={buttonStyles.primary} disabled={runner.pending || flowId === ''}>
          {runner.pending ? t('moving') : t('submit')}
        </button>
        <ActionStatus message={runner.message} className="w-full" />
      </form>
    </SettingsSection>
  );
}
