import { getTranslations } from 'next-intl/server';
import { OverviewView } from '@/components/overview/overview-view';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requireArea } from '@/lib/auth/guards';
import { canOpen } from '@/lib/auth/roles';
import { db } from '@/lib/db/client';
import { chartPeriodParam } from '@/lib/dashboards/chart-period';
import { overview } from '@/lib/dashboards/overview';
import { visibleFlowsWhere } from '@/lib/flows/flow-access';
import { currentPortal } from '@/lib/portals/current-portal';
import { readSyncStatus } from '@/lib/sync/sync-status';

export default async function OverviewPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const viewer = await requireArea('overview', '/overview');
  const query = await searchParams;
  const [t, view] = await Promise.all([
    getTranslations('overview'),
    overview(db(), visibleFlowsWhere(viewer), { days: chartPeriodParam(query.days) }),
  ]);
  const header = (
    <PageHeader title={t('title')} subtitle={viewer.role === 'lead' ? t('subtitleLead') : t('subtitle')} />
  );
  if (view.totals.flows > 0) {
    return (
      <>
        {header}
        <OverviewView initial={view} />
      </>
    );
  }
  const syncing =
    (await readSyncStatus(db(), await currentPortal(db()), { withReason: false })).run?.state === 'running';
  const action = canOpen(viewer.role, 'settings') ? { href: '/settings', label: t('emptyAction') } : undefined;
  return (
    <>
      {header}
      {syncing ? (
        <EmptyState title={t('syncingTitle')} body={t('syncingBody')} />
      ) : (
        <EmptyState title={t('emptyTitle')} body={t('emptyBody')} action={action} />
      )}
    </>
  );
}
