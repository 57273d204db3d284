// A sync worker in its own process, for the kill test: node --import tsx sync-child.ts '<json>'.
// Runs one sync run to its end (or until it is killed) and exits with 0 when it succeeded.
import { z } from 'zod';
import { Bitrix24Client } from '@/lib/bitrix24/client';
import { LeakyBucketLimiter } from '@/lib/bitrix24/rate-limiter';
import { createPrismaClient } from '@/lib/db/client';
import { executeSyncRun } from '../run-sync';

const args = z
  .object({ databaseUrl: z.string(), webhookUrl: z.string(), runId: z.string(), owner: z.string() })
  .parse(JSON.parse(process.argv[2] ?? '{}'));
const db = createPrismaClient(args.databaseUrl);
const client = new Bitrix24Client({
  connection: { kind: 'webhook', url: args.webhookUrl },
  limiter: new LeakyBucketLimiter({ burst: 100_000, drainPerSecond: 100_000 }),
});
const outcome = await executeSyncRun({ db, client, owner: args.owner, staleAfterMs: 0, heartbeatMs: 200 }, args.runId);
await db.$disconnect();
console.log(outcome);
process.exit(outcome === 'succeeded' ? 0 : 1);
