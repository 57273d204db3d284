'use client';

import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { buttonStyles } from '@/components/ui/button-styles';
import { FormAlert } from '@/components/ui/form-alert';
import { TextField } from '@/components/ui/text-field';
import { addManualFlowIdsAction } from '@/lib/actions/add-manual-flow-ids';
import { removeManualFlowIdAction } from '@/lib/actions/remove-manual-flow-id';
import { parseFlowIdList, type FlowIdListError } from '@/lib/portals/flow-id-list';
import { useActionRunner } from '@/components/actions/use-action-runner';
import { useSettingsErrorText } from './use-settings-error-text';

/** Flow ids added by hand (flows have no list method: docs/bitrix24.md, "Calling Bitrix24"): a list with a remove button each, and a field to add more. */
export function ManualFlowIdsEditor({
  portalId,
  domain,
  flowIds,
}: {
  portalId: string;
  domain: string;
  flowIds: number[];
}) {
  const t = useTranslations('settings.bitrix24.manual');
  const { pending, message, run, setMessage } = useActionRunner({ errorText: useSettingsErrorText() });
  const [ids, setIds] = useState(flowIds);
  const [inputError, setInputError] = useState<FlowIdListError | null>(null);

  function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const parsed = parseFlowIdList(String(new FormData(form).get('flowIds') ?? ''));
    if (!parsed.ok) {
      setInputError(parsed.error);
      setMessage(null);
      return;
    }
    setInputError(null);
    run(
      () => addManualFlowIdsAction({ portalId, flowIds: parsed.ids }),
      (data) => {
        setIds(data.manualFlowIds);
        form.reset();
        return { kind: 'ok', text: t('added') };
      },
    );
  }

  function remove(flowId: number) {
    run(
      () => removeManualFlowIdAction({ portalId, flowId }),
      (data) => {
        setIds(data.manualFlowIds);
        return { kind: 'ok', text: t('removed', { id: flowId }) };
      },
    );
  }

  return (
    <div>
      <h4 className="text-sm font-semibold text-slate-900">{t('title')}</h4>
      <p className="mt-1 max-w-3xl text-sm text-slate-700">{t('hint')}</p>
      {ids.length === 0 ? (
        <p className="mt-3 text-sm text-slate-600">{t('none')}</p>
      ) : (
        <ul className="mt-3 flex flex-wrap gap-2" aria-label={t('title')}>
          {ids.map((id) => (
            <li
              key={id}
              className="inline-flex items-center gap-1 rounded-full bg-slate-100 py-1 pl-3 pr-1 text-sm text-slate-900"
            >
              #{id}
              <button
                type="button"
                disabled={pending}
                onClick={() => remove(id)}
                aria-label={t('remove', { id })}
                className="inline-flex size-6 items-center justify-center rounded-full text-slate-600 hover:bg-slate-200 hover:text-slate-900 disabled:opacity-60"
              >
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={add} noValidate className="mt-3 flex flex-wrap items-end gap-3">
        <div className="min-w-56 flex-1 sm:max-w-sm">
          <TextField
            label={t('label', { domain })}
            name="flowIds"
            inputMode="numeric"
            autoComplete="off"
            hint={t('fieldHint')}
            error={inputError ? t(`errors.${inputError}`) : undefined}
          />
        </div>
        <button type="submit" disabled={pending} className={`${buttonStyles.secondary} mb-5`}>
          {pending ? t('adding') : t('add')}
        </button>
      </form>
      <p role="status" className="text-sm text-emerald-800">
        {message?.kind === 'ok' ? message.text : null}
      </p>
      <FormAlert message={message?.kind === 'error' ? message.text : null} />
    </div>
  );
}
