'use client';

import { useTranslations } from 'next-intl';
import type { ConnectionTest } from '@/lib/ai/test-connection';

/** What the model's test call came back with: its reply and time, or what went wrong and why. */
export function ModelTestResult({ test }: { test: ConnectionTest }) {
  const t = useTranslations('copilot.model');
  if (test.ok) return <span className="text-emerald-800">{t('testOk', { reply: test.reply, ms: test.ms })}</span>;
  return (
    <span className="text-red-800">
      {t(`errors.${test.code}`)}{' '}
      {test.reason &&
        t(`reasons.${test.reason}`, {
          status: test.status ?? 0,
          host: test.host ?? '',
          range: test.range ?? '',
          rangeKind: test.rangeKind ?? '',
          location: test.location ?? '',
        })}
    </span>
  );
}
