'use client';

import { useTranslations } from 'next-intl';
import type { DeploymentCaStatus } from '@/lib/ai/deployment-ca';

/** What the deployment's GigaChat root certificate file (GIGACHAT_CA_FILE) holds, or why it cannot be used. */
export function DeploymentCaNote({ status }: { status: DeploymentCaStatus | null }) {
  const t = useTranslations('copilot.model.deploymentCa');
  const text =
    status === null
      ? t('none')
      : 'problem' in status
        ? t(status.problem, { path: status.path })
        : t('loaded', { subject: status.subject, validTo: new Date(status.validTo), path: status.path });
  return (
    <p
      className={`text-xs md:col-span-2 ${status !== null && 'problem' in status ? 'text-red-800' : 'text-slate-600'}`}
    >
      {text}
    </p>
  );
}
