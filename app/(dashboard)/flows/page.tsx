import { getLocale, getTranslations } from 'next-intl/server';
import { FlowsListView } from '@/components/flows/flows-list-view';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requireArea } from '@/lib/auth/guards';
import { canOpen } from '@/lib/auth/roles';
import { copilotAvailableTo } from '@/lib/copilot/settings/copilot-settings';
import { db } from '@/lib/db/client';
import { flowListFiltersFrom, flowListSearchParams, flowsListPage } from '@/lib/dashboards/flow-list-filters';
import { flowsList } from '@/lib/dashboards/flows-list';
import { visibleFlowsWhere } from '@/lib/flows/flow-access';
import { currentPortal } from '@/lib/portals/current-portal';
import { readSyncStatus } from '@/lib/sync/sync-status';

export default async function FlowsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const viewer = await requireArea('flows', '/flows');
  const filters = flowListFiltersFrom(await searchParams);
  const [t, list, locale, copilot] = await Promise.all([
    getTranslations('flows'),
    flowsList(db(), visibleFlowsWhere(viewer)),
    getLocale(),
    copilotAvailableTo(db(), viewer),
  ]);
  const lead = viewer.role === 'lead';
  const header = <PageHeader title={t('title')} subtitle={lead ? t('scopeLead') : t('scopeAll')} />;
  if (list.rows.length > 0) {
    return (
      <>
        {header}
        <FlowsListView
          initial={flowsListPage(list, filters, locale)}
          initialView={flowListSearchParams(filters).toString()}
          copilot={copilot}
        />
      </>
    );
  }
  const syncing =
    (await readSyncStatus(db(), await currentPortal(db()), { withReason: false })).run?.state === 'running';
  return (
    <>
      {header}
      {syncing ? (
        <EmptyState title={t('syncingTitle')} body={t('syncingBody')} />
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
