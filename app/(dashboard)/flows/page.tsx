import { getTranslations } from 'next-intl/server';
import { FlowTable } from '@/components/flows/flow-table';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requireArea } from '@/lib/auth/guards';
import { canOpen } from '@/lib/auth/roles';
import { db } from '@/lib/db/client';
import { listVisibleFlows } from '@/lib/flows/list-visible-flows';

export default async function FlowsPage() {
  const viewer = await requireArea('flows', '/flows');
  const [t, flows] = await Promise.all([getTranslations('flows'), listVisibleFlows(db(), viewer)]);
  const lead = viewer.role === 'lead';
  return (
    <>
      <PageHeader title={t('title')} subtitle={lead ? t('scopeLead') : t('scopeAll')} />
      {flows.length > 0 ? (
        <FlowTable flows={flows} />
      ) : (
        <EmptyState
          title={t('emptyTitle')}
          body={lead ? t('leadEmptyBody') : t('emptyBody')}
          action={canOpen(viewer.role, 'settings') ? { href: '/settings', label: t('emptyAction') } : undefined}
        />
      )}
    </>
  );
}
