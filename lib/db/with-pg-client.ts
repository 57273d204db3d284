import pg from 'pg';

/** Runs `work` on a fresh node-postgres connection that is closed afterwards, also on failure. */
export async function withPgClient<T>(connectionString: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
