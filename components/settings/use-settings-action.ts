'use client';

import { useTranslations } from 'next-intl';
import { useState, useTransition } from 'react';
import type { ActionResult } from '@/lib/auth/guards';

const knownErrors = new Set(['demo-account', 'not-connected', 'not-webhook', 'not-app', 'app-keys-refused', 'not-found', 'too-many', 'invalid', 'failed', 'forbidden', 'unauthorized']);

export type SettingsMessage = { kind: 'ok' | 'error'; text: string };

/**
 * Runs a Settings → Bitrix24 action with its pending state; a refusal becomes a translated
 * message, and the fields the server refused are handed back for the form to mark.
 */
export function useSettingsAction() {
  const t = useTranslations('settings.bitrix24.errors');
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<SettingsMessage | null>(null);
  const [fields, setFields] = useState<Record<string, string[]>>({});

  function run<T>(action: () => Promise<ActionResult<T>>, onOk: (data: T) => SettingsMessage | null) {
    setMessage(null);
    startTransition(async () => {
      const result = await action();
      if (result.ok) {
        setFields({});
        setMessage(onOk(result.data));
      } else {
        setFields(result.fields ?? {});
        const code = knownErrors.has(result.error) ? result.error : 'failed';
        setMessage({ kind: 'error', text: t(code as 'failed') });
      }
    });
  }
  return { pending, message, fields, run, setMessage };
}
