import Link from 'next/link';
import { forbidden } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { FlowAlertsSection } from '@/components/alerts/flow-alerts-section';
import { FlowDashboardView } from '@/components/flows/flow-dashboard-view';
import { FlowTabs } from '@/components/flows/flow-tabs';
import { PageHeader } from '@/components/ui/page-header';
import { flowAlertsView } from '@/lib/alerts/flow-alerts-view';
import { requireArea } from '@/lib/auth/guards';
import { copilotAvailableTo } from '@/lib/copilot/settings/copilot-settings';
import { db } from '@/lib/db/client';
import { chartPeriodParam } from '@/lib/dashboards/chart-period';
import { flowDashboard } from '@/lib/dashboards/flow-dashboard';
import { visibleFlowsWhere } from '@/lib/flows/flow-access';

export default async function FlowPage({
  params,
  searchParams,
}: {
  params: Promise<{ flowId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [{ flowId }, query] = await Promise.all([params, searchParams]);
  const viewer = await requireArea('flows', `/flows/${flowId}`);
  const dashboard = await flowDashboard(db(), visibleFlowsWhere(viewer), flowId, {
    days: chartPeriodParam(query.days),
  });
  // Out of scope and unknown look the same, so nobody learns which flows exist. (No loading.tsx on
  // the flows segments: a loading boundary streams the page, and the 403 status could not be sent.)
  if (!dashboard) forbidden();
  const [t, alerts] = await Promise.all([getTranslations(), flowAlertsView(db(), viewer, flowId)]);
  const { flow } = dashboard;
  const subtitle = [
    flow.active ? t('flows.active') : t('flows.inactive'),
    t(`flows.distribution.${flow.distributionType}`),
    flow.owner ? t('flow.ownedBy', { name: flow.owner.name }) : null,
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <>
      <nav aria-label={t('flow.breadcrumbs')} className="mb-2 flex flex-wrap gap-x-4 text-sm">
        <Link href="/flows" className="text-brand-700 hover:underline">
          ← {t('flow.backToFlows')}
        </Link>
        <a href={flow.bitrixUrl} target="_blank" rel="noreferrer" className="text-brand-700 hover:underline">
          {t('flows.openInBitrix24')}
        </a>
      </nav>
      <PageHeader title={flow.name} subtitle={subtitle} />
      <FlowTabs flowId={flow.id} current="dashboard" />
      <FlowDashboardView initial={dashboard} copilot={await copilotAvailableTo(db(), viewer)} />
      {alerts && <FlowAlertsSection view={alerts} />}
    </>
  );
}
