import { getFormatter, getTranslations } from 'next-intl/server';
import type { SystemStatus } from '@/lib/system/system-status';

export async function SystemStatusCard({ status, version }: { status: SystemStatus; version: string }) {
  const [t, format] = await Promise.all([getTranslations('settings.system'), getFormatter()]);
  const when = (date: Date) => format.dateTime(date, { dateStyle: 'medium', timeStyle: 'short' });
  const rows: [string, string][] = [
    [t('version'), version],
    [t('database'), status.database.target],
    [t('server'), `PostgreSQL ${status.database.serverVersion}`],
    [t('latency'), t('latencyValue', { ms: status.database.latencyMs })],
    [t('installedAt'), status.installation ? when(status.installation.installedAt) : t('notRecorded')],
    [t('startCount'), status.installation ? format.number(status.installation.startCount) : t('notRecorded')],
    [t('instanceId'), status.installation?.instanceId ?? t('notRecorded')],
  ];
  return (
    <section aria-labelledby="system-title" className="rounded-xl border border-slate-200 bg-white shadow-sm">
      <h2 id="system-title" className="border-b border-slate-200 px-5 py-4 text-base font-semibold">
        {t('title')}
      </h2>
      <dl className="divide-y divide-slate-100">
        {rows.map(([label, value]) => (
          <div key={label} className="grid gap-1 px-5 py-3 text-sm sm:grid-cols-3">
            <dt className="text-slate-600">{label}</dt>
            <dd className="break-all font-medium text-slate-900 sm:col-span-2">{value}</dd>
          </div>
        ))}
        <div className="grid gap-1 px-5 py-3 text-sm sm:grid-cols-3">
          <dt className="text-slate-600">{t('migrations')}</dt>
          <dd className="sm:col-span-2">
            <p className="font-medium text-slate-900">{t('migrationsCount', { count: status.migrations.length })}</p>
            <ul className="mt-1 space-y-0.5 font-mono text-xs text-slate-600">
              {status.migrations.map((migration) => (
                <li key={migration.name}>
                  {migration.name}
                  {migration.finishedAt && ` · ${when(migration.finishedAt)}`}
                </li>
              ))}
            </ul>
          </dd>
        </div>
      </dl>
    </section>
  );
}
