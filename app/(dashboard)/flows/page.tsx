import { getTranslations } from 'next-intl/server';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';

export default async function FlowsPage() {
  const t = await getTranslations('flows');
  return (
    <>
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <EmptyState title={t('emptyTitle')} body={t('emptyBody')} action={{ href: '/settings', label: t('emptyAction') }} />
    </>
  );
}
