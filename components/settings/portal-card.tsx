import { getFormatter, getTranslations } from 'next-intl/server';
import type { PortalSettings } from '@/lib/portals/portal-settings';
import { AppKeysForm } from './app-keys-form';
import { DisconnectPortalButton } from './disconnect-portal-button';
import { ManualFlowIdsEditor } from './manual-flow-ids-editor';
import { RecheckConnectionButton } from './recheck-connection-button';
import { SyncNowButtons } from './sync-now-buttons';

/** One portal: how it is connected, what it may read, when it was checked, what went wrong; and its actions. */
export async function PortalCard({ portal }: { portal: PortalSettings }) {
  const [t, format] = await Promise.all([getTranslations('settings.bitrix24'), getFormatter()]);
  const when = (date: Date | null) =>
    date ? format.dateTime(date, { dateStyle: 'medium', timeStyle: 'short' }) : t('portal.never');
  const { connection } = portal;
  const titleId = `portal-${portal.id}-title`;
  const unreadable =
    portal.unreadableFlowIds.length === 0
      ? t('portal.unreadableNone')
      : t('portal.unreadableList', {
          ids: portal.unreadableFlowIds.map((id) => `#${id}`).join(', '),
          admin: portal.connectionUserIsAdmin === null ? 'unknown' : portal.connectionUserIsAdmin ? 'yes' : 'no',
        });
  const rows: [string, string][] = connection
    ? [
        [t('portal.kind'), t(`kinds.${connection.kind}`)],
        [t('portal.scopes'), connection.scopes.length > 0 ? connection.scopes.join(', ') : t('portal.noScopes')],
        [t('portal.connectedAt'), when(connection.connectedAt)],
        [t('portal.lastCheckedAt'), when(connection.lastCheckedAt)],
        [t('portal.lastError'), connection.lastError ?? t('portal.noError')],
        [
          t('portal.events'),
          connection.acceptsEvents
            ? t(connection.kind === 'oauth' ? 'portal.eventsApp' : 'portal.eventsOn')
            : t('portal.eventsOff'),
        ],
        ...(connection.appKeys
          ? [[t('portal.appKeys'), t(`portal.appKeysSource.${connection.appKeys}`)] as [string, string]]
          : []),
        [
          t('portal.timeZone'),
          portal.timeZone
            ? t('portal.timeZoneOfUser', { zone: portal.timeZone, offset: portal.timeZoneOffset })
            : t('portal.timeZoneOfServer', { offset: portal.timeZoneOffset }),
        ],
        [t('portal.flows'), format.number(portal.mirroredFlows)],
        [t('portal.unreadableFlows'), unreadable],
      ]
    : [
        [t('portal.kind'), t(`kinds.${portal.kind}`)],
        [t('portal.flows'), format.number(portal.mirroredFlows)],
      ];
  return (
    <section aria-labelledby={titleId} className="rounded-xl border border-slate-200 bg-white shadow-sm">
      <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 px-5 py-4">
        <h3 id={titleId} className="text-base font-semibold break-all">
          {portal.domain}
        </h3>
        <span
          className={`rounded-full px-2.5 py-0.5 text-xs font-semibold ${connection ? 'bg-emerald-100 text-emerald-800' : 'bg-slate-100 text-slate-700'}`}
        >
          {portal.kind === 'demo' ? t('kinds.demo') : connection ? t('portal.connected') : t('portal.notConnected')}
        </span>
      </div>
      {portal.kind === 'demo' && <p className="px-5 pt-4 text-sm text-slate-700">{t('portal.demoHint')}</p>}
      {!connection && portal.kind !== 'demo' && (
        <p className="px-5 pt-4 text-sm text-slate-700">{t('portal.notConnectedHint')}</p>
      )}
      {!connection && portal.appUninstalledAt && (
        <p className="px-5 pt-2 text-sm text-amber-800">
          {t('portal.appUninstalled', { at: portal.appUninstalledAt })}
        </p>
      )}
      <dl className="divide-y divide-slate-100">
        {rows.map(([label, value]) => (
          <div key={label} className="grid gap-1 px-5 py-3 text-sm sm:grid-cols-3">
            <dt className="text-slate-600">{label}</dt>
            <dd
              className={`break-words font-medium sm:col-span-2 ${label === t('portal.lastError') && connection?.lastError ? 'text-red-800' : 'text-slate-900'}`}
            >
              {value}
            </dd>
          </div>
        ))}
      </dl>
      {connection && (
        <div className="border-t border-slate-200 px-5 py-4">
          <SyncNowButtons />
        </div>
      )}
      {portal.kind !== 'demo' && (
        <div className="space-y-5 border-t border-slate-200 px-5 py-4">
          {connection?.kind === 'webhook' && <RecheckConnectionButton portalId={portal.id} />}
          {connection?.kind === 'oauth' && <AppKeysForm portalId={portal.id} domain={portal.domain} />}
          <ManualFlowIdsEditor portalId={portal.id} domain={portal.domain} flowIds={portal.manualFlowIds} />
          {connection && <DisconnectPortalButton portalId={portal.id} domain={portal.domain} />}
        </div>
      )}
    </section>
  );
}
