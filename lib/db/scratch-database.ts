import { randomBytes } from 'node:crypto';
import { withPgClient } from './with-pg-client';

export type ScratchDatabase = { url: string; name: string; drop: () => Promise<void> };

/** A new, empty database on a server (tests, drift checks); `drop` removes it (closing any connections left). */
export async function createScratchDatabase(adminUrl: string, prefix = 'fp_scratch'): Promise<ScratchDatabase> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await withPgClient(adminUrl, (client) => client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: () =>
      withPgClient(adminUrl, async (client) => {
        await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
      }),
  };
}
