import { dataDir, env, type Env } from '@/lib/env';
import { startEmbeddedPostgres } from './embedded-postgres';

/**
 * The database for a one-off command (migrate, write a migration): DATABASE_URL when set, else
 * the embedded server — the running one if the app is up, or one started for the command.
 */
export async function withCommandDatabase<T>(
  run: (connectionString: string) => Promise<T>,
  config: Env = env(),
): Promise<T> {
  if (config.DATABASE_URL) return run(config.DATABASE_URL);
  const embedded = await startEmbeddedPostgres({
    dataDir: dataDir(config),
    port: config.EMBEDDED_PG_PORT,
    whenRunning: 'attach',
  });
  try {
    return await run(embedded.connectionString);
  } finally {
    await embedded.stop();
  }
}
