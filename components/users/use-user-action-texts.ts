'use client';

import { useTranslations } from 'next-intl';
import type { ActionFailure } from '@/components/actions/use-action-runner';

const knownErrors = new Set([
  'last-admin',
  'self',
  'email-taken',
  'employee-taken',
  'has-password',
  'invalid',
  'failed',
  'forbidden',
  'unauthorized',
  'no-employee',
  'no-flow',
  'not-found',
  'demo-account',
  'demo-actor',
]);

/** How a users-page action's outcome reads: "saved", or its refusal in the reader's words. */
export function useUserActionTexts(): { errorText: (failure: ActionFailure) => string; savedText: string } {
  const t = useTranslations('users');
  return {
    errorText: (failure) => t(`errors.${knownErrors.has(failure.error) ? failure.error : 'failed'}` as 'errors.failed'),
    savedText: t('saved'),
  };
}
