import { Bitrix24Client } from '@/lib/bitrix24/client';
import type { PrismaClient } from '@/lib/db/client';
import { executeSyncRun } from '../run-sync';
import { requestSyncRun } from '../sync-runs';

/** A full sync of a portal through a webhook, as the job worker runs it; returns how it ended. */
export async function fullSyncOf(db: PrismaClient, portalId: string, webhookUrl: string) {
  const { run } = await requestSyncRun(db, portalId, 'full');
  const client = new Bitrix24Client({ connection: { kind: 'webhook', url: webhookUrl } });
  return executeSyncRun({ db, client, owner: 'test' }, run.id);
}
