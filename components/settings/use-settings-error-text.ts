'use client';

import { useTranslations } from 'next-intl';
import type { ActionFailure } from '@/components/actions/use-action-runner';

const knownErrors = new Set([
  'demo-account',
  'not-connected',
  'not-webhook',
  'not-app',
  'app-keys-refused',
  'not-found',
  'too-many',
  'invalid',
  'failed',
  'forbidden',
  'unauthorized',
]);

/** A Settings → Bitrix24 action's refusal in the reader's words. */
export function useSettingsErrorText(): (failure: ActionFailure) => string {
  const t = useTranslations('settings.bitrix24.errors');
  return (failure) => t((knownErrors.has(failure.error) ? failure.error : 'failed') as 'failed');
}
