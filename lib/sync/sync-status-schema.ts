import { z } from 'zod';

/** GET /api/sync/status's answer, shared by the route and the browser (which validates it). */
export const syncStatusSchema = z.object({
  portal: z.object({ id: z.string(), domain: z.string(), kind: z.string() }).nullable(),
  run: z
    .object({
      id: z.string(),
      kind: z.enum(['full', 'incremental', 'reconcile']),
      state: z.enum(['running', 'succeeded', 'failed']),
      phase: z.string(),
      done: z.number(),
      total: z.number().nullable(),
      etaSeconds: z.number().nullable(),
      /** Why the run failed, in words for admins (null for other roles). */
      error: z.string().nullable(),
      /** The failure's kind, which the header translates: `portal-<kind>`, `not-connected`, `internal`. */
      errorCode: z.string().nullable(),
      startedAt: z.string(),
      finishedAt: z.string().nullable(),
    })
    .nullable(),
  lastSucceededAt: z.string().nullable(),
});

export type SyncStatus = z.infer<typeof syncStatusSchema>;

export async function fetchSyncStatus(signal?: AbortSignal): Promise<SyncStatus> {
  const response = await fetch('/api/sync/status', { signal, cache: 'no-store' });
  if (!response.ok) throw new Error(`Sync status: HTTP ${response.status}`);
  return syncStatusSchema.parse(await response.json());
}
