import type PgBoss from 'pg-boss';
import { env } from '@/lib/env';
import { senderBoss } from './boss-clients';

const globalForBoss = globalThis as unknown as { flowpilotBoss?: Promise<PgBoss> };

/** The web app's job sender (one per process, kept across hot reloads). */
export function appBoss(): Promise<PgBoss> {
  if (!globalForBoss.flowpilotBoss) {
    const url = env().DATABASE_URL;
    if (!url) throw new Error('DATABASE_URL is not set. Start Flowpilot with `npm start`, which provides a database.');
    const boss = senderBoss(url);
    boss.on('error', (error) => console.error(`[jobs] ${error.message}`));
    globalForBoss.flowpilotBoss = boss.start().catch((error: unknown) => {
      globalForBoss.flowpilotBoss = undefined;
      throw error;
    });
  }
  return globalForBoss.flowpilotBoss;
}
