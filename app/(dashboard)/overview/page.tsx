import { getTranslations } from 'next-intl/server';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requireArea } from '@/lib/auth/guards';
import { canOpen } from '@/lib/auth/roles';

export default async function OverviewPage() {
  const viewer = await requireArea('overview', '/overview');
  const t = await getTranslations('overview');
  const action = canOpen(viewer.role, 'settings') ? { href: '/settings', label: t('emptyAction') } : undefined;
  return (
    <>
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <EmptyState title={t('emptyTitle')} body={t('emptyBody')} action={action} />
    </>
  );
}
