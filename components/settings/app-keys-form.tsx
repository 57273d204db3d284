'use client';

import { useTranslations } from 'next-intl';
import type { FormEvent } from 'react';
import { buttonStyles } from '@/components/ui/button-styles';
import { FormAlert } from '@/components/ui/form-alert';
import { TextField } from '@/components/ui/text-field';
import { saveAppKeysAction } from '@/lib/actions/save-app-keys';
import { useActionRunner } from '@/components/actions/use-action-runner';
import { useSettingsErrorText } from './use-settings-error-text';

/**
 * The local application's keys for an app connection: Bitrix24 shows them only after the app is
 * saved, so they are entered here afterwards. The secret field is never filled back in.
 */
export function AppKeysForm({ portalId, domain }: { portalId: string; domain: string }) {
  const t = useTranslations('settings.bitrix24.appKeys');
  const { pending, message, fields, run } = useActionRunner({ errorText: useSettingsErrorText() });

  function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    run(
      () =>
        saveAppKeysAction({
          portalId,
          clientId: String(data.get('clientId') ?? ''),
          clientSecret: String(data.get('clientSecret') ?? ''),
        }),
      () => {
        form.reset();
        return { kind: 'ok', text: t('saved') };
      },
    );
  }

  return (
    <form onSubmit={save} noValidate aria-label={t('title', { domain })} className="w-full">
      <h4 className="text-sm font-semibold text-slate-900">{t('title', { domain })}</h4>
      <p className="mt-1 max-w-3xl text-sm text-slate-700">{t('hint')}</p>
      <div className="mt-3 grid gap-3 sm:max-w-2xl sm:grid-cols-2">
        <TextField
          label={t('clientId')}
          name="clientId"
          autoComplete="off"
          spellCheck={false}
          required
          error={fields.clientId ? t('clientIdInvalid') : undefined}
        />
        <TextField
          label={t('clientSecret')}
          name="clientSecret"
          type="password"
          autoComplete="off"
          required
          error={fields.clientSecret ? t('clientSecretInvalid') : undefined}
        />
      </div>
      <button type="submit" disabled={pending} className={`${buttonStyles.secondary} mt-3`}>
        {pending ? t('saving') : t('save')}
      </button>
      <p role="status" className="mt-2 text-sm text-emerald-800">
        {message?.kind === 'ok' ? message.text : null}
      </p>
      <FormAlert message={message?.kind === 'error' ? message.text : null} />
    </form>
  );
}
