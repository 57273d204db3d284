import { getTranslations } from 'next-intl/server';
import type { PortalSettings } from '@/lib/portals/portal-settings';
import { ConnectAppCard } from './connect-app-card';
import { ConnectWebhookForm } from './connect-webhook-form';
import { PortalCard } from './portal-card';

/** Settings → Bitrix24: each portal's card, then the form to connect one by webhook, and the way to connect as an app. */
export async function Bitrix24Settings({
  portals,
  eventsUrl,
  appUrl,
}: {
  portals: PortalSettings[];
  eventsUrl: string;
  appUrl: string;
}) {
  const t = await getTranslations('settings.bitrix24');
  const connectedWebhook = portals.find((portal) => portal.connection?.kind === 'webhook');
  return (
    <section aria-labelledby="bitrix24-settings-title" className="mb-8 space-y-4">
      <div>
        <h2 id="bitrix24-settings-title" className="text-lg font-semibold text-slate-900">
          {t('title')}
        </h2>
        <p className="mt-1 max-w-3xl text-sm text-slate-700">{t('intro')}</p>
      </div>
      {portals.length === 0 && <p className="text-sm text-slate-700">{t('none')}</p>}
      {portals.map((portal) => (
        <PortalCard key={portal.id} portal={portal} />
      ))}
      <ConnectWebhookForm
        eventsUrl={eventsUrl}
        replacing={connectedWebhook !== undefined}
        tokenStored={connectedWebhook?.connection?.acceptsEvents ?? false}
      />
      <ConnectAppCard handlerUrl={appUrl} />
    </section>
  );
}
