import { getTranslations } from 'next-intl/server';
import { SystemStatusCard } from '@/components/system/system-status-card';
import { PageHeader } from '@/components/ui/page-header';
import { requireArea } from '@/lib/auth/guards';
import { db } from '@/lib/db/client';
import { env } from '@/lib/env';
import { readSystemStatus } from '@/lib/system/system-status';
import { appVersion } from '@/lib/version';

export const dynamic = 'force-dynamic';

export default async function SettingsPage() {
  await requireArea('settings', '/settings');
  const t = await getTranslations('settings');
  const status = await readSystemStatus(db(), env().DATABASE_URL ?? '');
  return (
    <>
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <SystemStatusCard status={status} version={appVersion} />
    </>
  );
}
