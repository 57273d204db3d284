import net from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPrismaClient, type PrismaClient } from './client';
import { checkDatabase } from './database-health';
import { createScratchDatabase, type ScratchDatabase } from './scratch-database';

const adminUrl = inject('postgresAdminUrl');

function withUrl(base: string, change: (url: URL) => void): string {
  const url = new URL(base);
  change(url);
  return url.toString();
}

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('checkDatabase', () => {
  let scratch: ScratchDatabase;
  const clients: PrismaClient[] = [];
  const client = (url: string) => {
    const created = createPrismaClient(url);
    clients.push(created);
    return () => created;
  };

  beforeAll(async () => {
    scratch = await createScratchDatabase(adminUrl);
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.$disconnect()));
    await scratch.drop();
  });

  it('is up with a latency for a reachable database', async () => {
    const health = await checkDatabase(client(scratch.url));
    expect(health.up).toBe(true);
  });

  it('says the connection was refused when nothing listens', async () => {
    const port = await closedPort();
    expect(await checkDatabase(client(withUrl(scratch.url, (u) => (u.port = String(port)))))).toEqual({
      up: false,
      reason: 'refused',
    });
  });

  it('says the password was rejected', async () => {
    expect(await checkDatabase(client(withUrl(scratch.url, (u) => (u.password = 'wrong'))))).toEqual({
      up: false,
      reason: 'badPassword',
    });
  });

  it('says the database does not exist', async () => {
    expect(await checkDatabase(client(withUrl(scratch.url, (u) => (u.pathname = '/fp_no_such_db'))))).toEqual({
      up: false,
      reason: 'noDatabase',
    });
  });

  it('reads a server that accepts but never answers as a time-out', async () => {
    const silent = net.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as net.AddressInfo;
    try {
      const url = withUrl(scratch.url, (u) => (u.port = String(port)));
      expect(await checkDatabase(client(url), 500)).toEqual({ up: false, reason: 'timeout' });
    } finally {
      silent.close();
    }
  });
});
