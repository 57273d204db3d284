'use client';

import { useTranslations } from 'next-intl';
import { useState, useTransition } from 'react';
import type { ActionResult } from '@/lib/auth/guards';

const knownErrors = new Set([
  'last-admin', 'self', 'email-taken', 'employee-taken', 'has-password', 'invalid', 'failed', 'forbidden', 'unauthorized', 'no-employee', 'no-flow', 'not-found',
  'demo-account', 'demo-actor',
]);

/** Runs a users-page action and keeps its pending state and a translated outcome for an aria-live region. */
export function useUserAction() {
  const t = useTranslations('users');
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  function run<T>(action: () => Promise<ActionResult<T>>, onOk?: (data: T) => void) {
    startTransition(async () => {
      const result = await action();
      if (result.ok) {
        setMessage({ kind: 'ok', text: t('saved') });
        onOk?.(result.data);
      } else {
        setMessage({ kind: 'error', text: t(`errors.${knownErrors.has(result.error) ? result.error : 'failed'}` as 'errors.failed') });
      }
    });
  }
  return { pending, message, run };
}
