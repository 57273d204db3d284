'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useFormatter, useTranslations } from 'next-intl';
import { z } from 'zod';
import { buttonStyles } from '@/components/ui/button-styles';
import { syncKeys } from '@/lib/query/keys';
import { fetchSyncStatus, syncStatusSchema } from '@/lib/sync/sync-status-schema';

type Kind = 'incremental' | 'full';

async function startSync(kind: Kind): Promise<{ started: boolean }> {
  const response = await fetch('/api/sync', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ kind }),
  });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) throw new Error((body as { message?: string } | null)?.message ?? `HTTP ${response.status}`);
  return syncStatusSchema.extend({ started: z.boolean() }).parse(body);
}

/** "Sync now" and "Full sync" for the connected portal, with when the mirror was last complete. */
export function SyncNowButtons() {
  const t = useTranslations('settings.bitrix24.sync');
  const format = useFormatter();
  const queryClient = useQueryClient();
  const { data } = useQuery({
    queryKey: syncKeys.status(),
    queryFn: ({ signal }) => fetchSyncStatus(signal),
    retry: false,
  });
  const mutation = useMutation({
    mutationFn: startSync,
    onSettled: () => queryClient.invalidateQueries({ queryKey: syncKeys.status() }),
  });
  const running = data?.run?.state === 'running';
  const message = mutation.isError
    ? mutation.error.message
    : mutation.data
      ? mutation.data.started
        ? t('started')
        : t('alreadyRunning')
      : null;
  return (
    <div className="space-y-2">
      <p className="text-sm text-slate-700">
        {data?.lastSucceededAt
          ? t('lastComplete', {
              time: format.dateTime(new Date(data.lastSucceededAt), { dateStyle: 'medium', timeStyle: 'short' }),
            })
          : t('neverComplete')}
      </p>
      <div className="flex flex-wrap gap-2">
        {(['incremental', 'full'] as const).map((kind) => (
          <button
            key={kind}
            type="button"
            className={kind === 'incremental' ? buttonStyles.primary : buttonStyles.secondary}
            disabled={mutation.isPending || running}
            onClick={() => mutation.mutate(kind)}
          >
            {t(kind)}
          </button>
        ))}
      </div>
      {message && (
        <p
          role={mutation.isError ? 'alert' : 'status'}
          className={`text-sm ${mutation.isError ? 'text-red-800' : 'text-slate-700'}`}
        >
          {message}
        </p>
      )}
    </div>
  );
}
