'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { buttonStyles } from '@/components/ui/button-styles';
import { FormAlert } from '@/components/ui/form-alert';
import { disconnectPortalAction } from '@/lib/actions/disconnect-portal';
import { useActionRunner } from '@/components/actions/use-action-runner';
import { useSettingsErrorText } from './use-settings-error-text';

const dangerButton =
  'inline-flex items-center justify-center gap-2 rounded-md bg-red-700 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-red-800 disabled:opacity-60';

/** "Disconnect", then a question in place with "Yes, disconnect" and "Cancel"; focus moves to the question and back. */
export function DisconnectPortalButton({ portalId, domain }: { portalId: string; domain: string }) {
  const t = useTranslations('settings.bitrix24.portal');
  const { pending, message, run } = useActionRunner({ errorText: useSettingsErrorText() });
  const [asking, setAsking] = useState(false);
  const questionRef = useRef<HTMLParagraphElement>(null);
  const openerRef = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);

  useEffect(() => {
    if (asking) questionRef.current?.focus();
    else if (wasAsking.current) openerRef.current?.focus();
    wasAsking.current = asking;
  }, [asking]);

  if (!asking) {
    return (
      <div>
        <button ref={openerRef} type="button" className={buttonStyles.secondary} onClick={() => setAsking(true)}>
          {t('disconnect')}
        </button>
        {message?.kind === 'ok' && (
          <p role="status" className="mt-2 text-sm text-emerald-800">
            {message.text}
          </p>
        )}
      </div>
    );
  }
  return (
    <div role="group" aria-label={t('disconnect')} className="rounded-lg border border-red-200 bg-red-50 p-4">
      <p ref={questionRef} tabIndex={-1} className="text-sm text-red-900">
        {t('disconnectQuestion', { domain })}
      </p>
      <div className="mt-3 flex flex-wrap gap-3">
        <button
          type="button"
          disabled={pending}
          className={dangerButton}
          onClick={() =>
            run(
              () => disconnectPortalAction({ portalId, confirmed: true }),
              () => ({ kind: 'ok', text: t('disconnected') }),
            )
          }
        >
          {pending ? t('disconnecting') : t('disconnectConfirm')}
        </button>
        <button type="button" disabled={pending} className={buttonStyles.secondary} onClick={() => setAsking(false)}>
          {t('cancel')}
        </button>
      </div>
      <div className="mt-2">
        <FormAlert message={message?.kind === 'error' ? message.text : null} />
      </div>
    </div>
  );
}
