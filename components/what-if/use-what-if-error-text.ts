'use client';

import { useTranslations } from 'next-intl';
import type { ActionFailure } from '@/components/actions/use-action-runner';

const knownErrors = new Set([
  'invalid',
  'not-found',
  'forbidden',
  'too-little-history',
  'no-team',
  'remove-unknown-person',
  'remove-everyone',
  'cap-unknown-person',
  'cap-only-person',
  'no-review-history',
]);

/** The simulator's refusal in the reader's words. */
export function useWhatIfErrorText(): (failure: ActionFailure) => string {
  const t = useTranslations('whatIf.simulator.errors');
  return (failure) => t((knownErrors.has(failure.error) ? failure.error : 'failed') as 'failed');
}
