import { getTranslations } from 'next-intl/server';
import { headers } from 'next/headers';
import { AlertSettingsCard } from '@/components/alerts/alert-settings-card';
import { Bitrix24Settings } from '@/components/settings/bitrix24-settings';
import { CopilotModelForm } from '@/components/settings/copilot-model-form';
import { CopilotSettingsCard } from '@/components/settings/copilot-settings-card';
import { CopilotUsageCard } from '@/components/settings/copilot-usage-card';
import { DemoMoveOnCard } from '@/components/settings/demo-move-on-card';
import { ModelRequestPreview } from '@/components/settings/model-request-preview';
import { SystemStatusCard } from '@/components/system/system-status-card';
import { PageHeader } from '@/components/ui/page-header';
import { readDeploymentCa } from '@/lib/ai/deployment-ca';
import { alertLog } from '@/lib/alerts/alert-log';
import { alertSettings } from '@/lib/alerts/alert-settings';
import { requireArea } from '@/lib/auth/guards';
import { copilotSettings } from '@/lib/copilot/settings/copilot-settings';
import { copilotUsage } from '@/lib/copilot/settings/copilot-usage';
import { db } from '@/lib/db/client';
import { env } from '@/lib/env';
import { appAddress, eventsHandlerUrl } from '@/lib/portals/events-url';
import { listPortalSettings } from '@/lib/portals/portal-settings';
import { readSystemStatus } from '@/lib/system/system-status';
import { appVersion } from '@/lib/version';

export const dynamic = 'force-dynamic';

export default async function SettingsPage() {
  const viewer = await requireArea('settings', '/settings');
  const [t, status, portals, requestHeaders, copilot, usage, flows, alerts, alertEntries, demoFlows] =
    await Promise.all([
      getTranslations('settings'),
      readSystemStatus(db(), env().DATABASE_URL ?? ''),
      listPortalSettings(db()),
      headers(),
      copilotSettings(db()),
      copilotUsage(db()),
      db().flow.findMany({ select: { id: true, name: true }, orderBy: { name: 'asc' } }),
      alertSettings(db()),
      alertLog(db(), viewer),
      db().flow.findMany({
        where: { portal: { kind: 'demo' }, active: true },
        select: { id: true, name: true },
        orderBy: { name: 'asc' },
      }),
    ]);
  return (
    <>
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <Bitrix24Settings
        portals={portals}
        eventsUrl={eventsHandlerUrl(env().APP_URL, requestHeaders)}
        appUrl={appAddress(env().APP_URL, requestHeaders, '/')}
      />
      <CopilotSettingsCard enabled={copilot.enabled} />
      <CopilotModelForm settings={copilot} deploymentCa={readDeploymentCa()?.status ?? null} />
      <CopilotUsageCard usage={usage} settings={copilot} />
      <ModelRequestPreview flows={flows} />
      <AlertSettingsCard settings={alerts} log={alertEntries} />
      {demoFlows.length > 0 && <DemoMoveOnCard flows={demoFlows} />}
      <SystemStatusCard status={status} version={appVersion} />
    </>
  );
}
