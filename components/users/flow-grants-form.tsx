'use client';

import { useTranslations } from 'next-intl';
import type { FormEvent } from 'react';
import { buttonStyles } from '@/components/ui/button-styles';
import { setUserFlowGrantsAction } from '@/lib/actions/set-user-flow-grants';
import type { FlowGrantOption } from '@/lib/users/flow-grant-options';
import { ActionMessage } from './action-message';
import { useActionRunner } from '@/components/actions/use-action-runner';
import { useUserActionTexts } from './use-user-action-texts';

export function FlowGrantsForm({ userId, flows }: { userId: string; flows: FlowGrantOption[] }) {
  const t = useTranslations('users.grants');
  const { pending, message, run } = useActionRunner(useUserActionTexts());

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const flowIds = new FormData(event.currentTarget).getAll('flow').map(String);
    run(() => setUserFlowGrantsAction({ userId, flowIds }));
  }

  if (flows.length === 0) return <p className="text-sm text-slate-700">{t('none')}</p>;
  return (
    <form onSubmit={submit}>
      <fieldset className="rounded-xl border border-slate-200 bg-white shadow-sm">
        <legend className="sr-only">{t('save')}</legend>
        <ul className="divide-y divide-slate-100">
          {flows.map((flow) => (
            <li key={flow.id} className="px-5 py-3">
              <label className="flex items-center gap-3 text-sm">
                <input type="checkbox" name="flow" value={flow.id} defaultChecked={flow.granted} className="size-4" />
                <span>{flow.name}</span>
                {flow.member && <span className="text-xs text-slate-600">({t('ownFlow')})</span>}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <div className="mt-4 flex items-center gap-3">
        <button type="submit" disabled={pending} className={buttonStyles.primary}>
          {pending ? t('saving') : t('save')}
        </button>
        <ActionMessage message={message} />
      </div>
    </form>
  );
}
