import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { migratedDatabase, type MigratedDatabase } from '@/lib/testing/migrated-database';
import { RestoreError, restoreBackup } from './restore-backup';
import { withPgClient } from './with-pg-client';

// The restore itself is proven end to end in e2e/restore-backup.spec.ts; these are its refusals,
// with a stand-in pg_restore of a chosen version so they hold whatever PostgreSQL the machine has.
const adminUrl = inject('postgresAdminUrl');
let folder: string;
let dumpFile: string;
let database: MigratedDatabase;

async function fakePgRestore(version: string): Promise<string> {
  const program = path.join(folder, `pg_restore-${version}`);
  await writeFile(program, `#!/bin/sh\necho "pg_restore (PostgreSQL) ${version}"\n`);
  await chmod(program, 0o755);
  return program;
}

function urlOf(name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function databaseExists(name: string): Promise<boolean> {
  return withPgClient(adminUrl, async (client) => {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    return found.rowCount === 1;
  });
}

beforeAll(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'fp-restore-'));
  dumpFile = path.join(folder, 'flowpilot.dump');
  await writeFile(dumpFile, 'stands in for a dump: the stand-in pg_restore reads nothing');
  database = await migratedDatabase();
});
afterAll(async () => {
  await database?.drop();
  await rm(folder, { recursive: true, force: true });
});

describe('restoreBackup', () => {
  it('refuses a pg_restore older than the server, naming the rule, and creates nothing', async () => {
    const name = 'fp_restore_refused_old_tool';
    const restoring = restoreBackup({ dumpFile, targetUrl: urlOf(name), pgRestore: await fakePgRestore('9.6') });
    await expect(restoring).rejects.toThrow(RestoreError);
    await expect(restoring).rejects.toThrow(
      /pg_restore is version 9 and the server \d+: use pg_dump and pg_restore of the server's major version or newer/,
    );
    expect(await databaseExists(name)).toBe(false);
  });

  it('never restores into a database that already holds tables', async () => {
    const migrations = () =>
      database.db.$queryRaw<{ count: number }[]>`SELECT count(*)::int AS count FROM _prisma_migrations`;
    const before = await migrations();
    await expect(
      restoreBackup({ dumpFile, targetUrl: database.url, pgRestore: await fakePgRestore('99.0') }),
    ).rejects.toThrow(/already holds \d+ tables, views or sequences\. Restore into a new database/);
    expect(await migrations()).toEqual(before);
  });

  it('names the package to install when pg_restore is missing', async () => {
    await expect(
      restoreBackup({ dumpFile, targetUrl: urlOf('fp_restore_no_tool'), pgRestore: path.join(folder, 'missing') }),
    ).rejects.toThrow(/was not found: .*sudo apt-get install postgresql-client/);
  });
});
