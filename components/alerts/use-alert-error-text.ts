'use client';

import { useTranslations } from 'next-intl';
import type { ActionFailure } from '@/components/actions/use-action-runner';

const knownErrors = new Set([
  'invalid',
  'recipient-outside-flow',
  'no-employee',
  'missing-scope',
  'portal-not-connected',
  'not-found',
  'forbidden',
  'demo-account',
]);

/** An alert action's refusal in the reader's words; the portal's own reason when it refused. */
export function useAlertErrorText(): (failure: ActionFailure) => string {
  const t = useTranslations('alerts.rules.errors');
  return (failure) => {
    if (failure.error === 'refused') return t('refused', { reason: failure.message ?? '' });
    return t((knownErrors.has(failure.error) ? failure.error : 'failed') as 'failed');
  };
}
