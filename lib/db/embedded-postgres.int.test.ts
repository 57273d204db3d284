import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { isProcessAlive } from '@/lib/server/is-process-alive';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './embedded-postgres';
import { withPgClient } from './with-pg-client';

const folders: string[] = [];
afterAll(() => Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true }))));

async function dataFolder() {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'fp-embedded-'));
  folders.push(folder);
  return folder;
}

async function sql<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  return withPgClient(url, async (client) => (await client.query<T>(text)).rows);
}

async function serverPid(database: EmbeddedDatabase): Promise<number> {
  const lines = (await readFile(path.join(database.dataDir, 'postgres', 'postmaster.pid'), 'utf8')).split('\n');
  return Number(lines[0]);
}


const port = 56000 + (process.pid % 1000);

describe('embedded PostgreSQL', () => {
  it('initialises a cluster, keeps data across restarts and leaves no process after stop', async () => {
    const dataDir = await dataFolder();
    const first = await startEmbeddedPostgres({ dataDir, port });
    const pid = await serverPid(first);
    await sql(first.connectionString, 'CREATE TABLE kept (value text); INSERT INTO kept VALUES ($$still here$$)');
    await first.stop();
    expect(isProcessAlive(pid)).toBe(false);
    expect(existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);

    const second = await startEmbeddedPostgres({ dataDir, port });
    try {
      expect(second.connectionString).toBe(first.connectionString);
      expect(await sql<{ value: string }>(second.connectionString, 'SELECT value FROM kept')).toEqual([{ value: 'still here' }]);
    } finally {
      await second.stop();
    }
  });

  it('listens on loopback only, with a generated password', async () => {
    const dataDir = await dataFolder();
    const database = await startEmbeddedPostgres({ dataDir, port: port + 1 });
    try {
      const [setting] = await sql<{ listen_addresses: string }>(database.connectionString, 'SHOW listen_addresses');
      expect(setting?.listen_addresses).toBe('127.0.0.1');
      const password = (await readFile(path.join(dataDir, 'postgres.password'), 'utf8')).trim();
      expect(password.length).toBeGreaterThanOrEqual(20);
      await expect(sql(database.connectionString.replace(encodeURIComponent(password), 'password'), 'SELECT 1')).rejects.toThrow(
        /password authentication failed/,
      );
    } finally {
      await database.stop();
    }
  });

  it('stops a server left running by a start that was killed, then starts its own', async () => {
    const dataDir = await dataFolder();
    const orphan = await startEmbeddedPostgres({ dataDir, port: port + 2 });
    const orphanPid = await serverPid(orphan);
    const notes: string[] = [];
    const fresh = await startEmbeddedPostgres({ dataDir, port: port + 2, onNote: (note) => notes.push(note) });
    try {
      expect(isProcessAlive(orphanPid)).toBe(false);
      expect(notes.join('\n')).toMatch(/left running by an earlier start/);
      expect(await sql(fresh.connectionString, 'SELECT 1 AS ok')).toEqual([{ ok: 1 }]);
    } finally {
      await fresh.stop();
      await orphan.stop();
    }
  });

  it('attaches to a running server for one-off commands and leaves it running', async () => {
    const dataDir = await dataFolder();
    const running = await startEmbeddedPostgres({ dataDir, port: port + 3 });
    const pid = await serverPid(running);
    try {
      const attached = await startEmbeddedPostgres({ dataDir, port: port + 9, whenRunning: 'attach' });
      expect(attached.port).toBe(port + 3);
      expect(await sql(attached.connectionString, 'SELECT 2 AS ok')).toEqual([{ ok: 2 }]);
      await attached.stop();
      expect(isProcessAlive(pid)).toBe(true);
    } finally {
      await running.stop();
    }
  });

  it('explains a port that is taken', async () => {
    const dataDir = await dataFolder();
    const blocker = await startEmbeddedPostgres({ dataDir: await dataFolder(), port: port + 4 });
    try {
      await expect(startEmbeddedPostgres({ dataDir, port: port + 4 })).rejects.toThrow(/Port \d+ is taken: set EMBEDDED_PG_PORT/);
    } finally {
      await blocker.stop();
    }
  });
});
