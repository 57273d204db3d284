import net from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPrismaClient, poolSize, type PrismaClient } from './client';
import { createScratchDatabase, type ScratchDatabase } from './scratch-database';

const adminUrl = inject('postgresAdminUrl');

describe('createPrismaClient', () => {
  let scratch: ScratchDatabase;
  const clients: PrismaClient[] = [];
  const client = (url: string) => {
    const created = createPrismaClient(url);
    clients.push(created);
    return created;
  };

  beforeAll(async () => {
    scratch = await createScratchDatabase(adminUrl);
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.$disconnect()));
    await scratch.drop();
  });

  it('queues a query while every pooled connection is busy for longer than opening one may take', async () => {
    const db = client(scratch.url);
    // One more query than the pool holds, each busy for 4 s (opening a connection may take 3 s):
    // the last waits about 4 s for a free connection, as a page does when many users ask at once.
    const queries = Array.from({ length: poolSize + 1 }, () => db.$queryRaw`SELECT 1 FROM pg_sleep(4)`);
    const results = await Promise.allSettled(queries);
    expect(results.filter((result) => result.status === 'rejected')).toEqual([]);
  });

  it('still gives up on a server that accepts but never answers', async () => {
    const silent = net.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as net.AddressInfo;
    try {
      const url = new URL(scratch.url);
      url.port = String(port);
      await expect(client(url.toString()).$queryRaw`SELECT 1`).rejects.toThrow(/timeout/i);
    } finally {
      silent.close();
    }
  });
});
