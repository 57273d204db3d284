'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { buttonStyles } from '@/components/ui/button-styles';
import { FormAlert } from '@/components/ui/form-alert';
import { createAppInstallLinkAction } from '@/lib/actions/create-app-install-link';
import { useActionRunner } from '@/components/actions/use-action-runner';
import { useSettingsErrorText } from './use-settings-error-text';

/** The scopes the local application needs, as its form in Bitrix24 names them. */
export const appScopes = ['task', 'user', 'department', 'calendar', 'im'];

/**
 * "Connect as an app": the steps in Bitrix24, the handler address, and a one-time install link
 * made on request (the link is the only secret shown; tokens never reach the browser).
 */
export function ConnectAppCard({ handlerUrl }: { handlerUrl: string }) {
  const t = useTranslations('settings.bitrix24.app');
  const { pending, message, run } = useActionRunner({ errorText: useSettingsErrorText() });
  const [installUrl, setInstallUrl] = useState<string | null>(null);
  return (
    <section aria-labelledby="connect-app-title" className="rounded-lg border border-slate-200 bg-white p-5">
      <h3 id="connect-app-title" className="text-base font-semibold text-slate-900">
        {t('title')}
      </h3>
      <p className="mt-1 max-w-3xl text-sm text-slate-700">{t('intro')}</p>
      <ol className="mt-3 list-decimal space-y-1 pl-5 text-sm text-slate-800">
        <li>{t('step1')}</li>
        <li>{t('step2')}</li>
        <li>
          {t('step3')} <code className="break-all">{handlerUrl}</code>
        </li>
        <li>{t('step4')}</li>
        <li>{t('step5', { scopes: appScopes.join(', ') })}</li>
        <li>{t('step6')}</li>
      </ol>
      <div className="mt-4 flex flex-wrap items-center gap-3">
        <button
          type="button"
          disabled={pending}
          className={buttonStyles.secondary}
          onClick={() =>
            run(
              () => createAppInstallLinkAction({}),
              (data) => {
                setInstallUrl(data.installUrl);
                return null;
              },
            )
          }
        >
          {pending ? t('creating') : t('createLink')}
        </button>
      </div>
      {installUrl && (
        <label className="mt-3 block text-sm text-slate-800">
          {t('installUrl')}
          <input
            readOnly
            value={installUrl}
            className="mt-1 block w-full rounded border border-slate-300 px-2 py-1 font-mono text-xs"
            onFocus={(event) => event.currentTarget.select()}
          />
          <span className="mt-1 block text-slate-600">{t('installUrlHint')}</span>
        </label>
      )}
      <FormAlert message={message?.kind === 'error' ? message.text : null} />
    </section>
  );
}
