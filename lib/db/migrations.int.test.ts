import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { applyMigrations, projectMigrationsLayout, type MigrationsLayout } from './migrations';
import { createScratchDatabase, type ScratchDatabase } from './scratch-database';
import { withPgClient } from './with-pg-client';

const adminUrl = inject('postgresAdminUrl');
const scratch: ScratchDatabase[] = [];
afterEach(async () => {
  await Promise.all(scratch.splice(0).map((database) => database.drop()));
});

async function database() {
  const created = await createScratchDatabase(adminUrl);
  scratch.push(created);
  return created;
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  return withPgClient(url, async (client) => (await client.query<T>(sql)).rows);
}

async function copyLayout(): Promise<MigrationsLayout> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'fp-layout-'));
  await cp(path.resolve('prisma'), path.join(root, 'prisma'), { recursive: true });
  return projectMigrationsLayout(root);
}

describe('applyMigrations', () => {
  it('applies every migration to an empty database, then nothing on the next run', async () => {
    const { url } = await database();
    const layout = projectMigrationsLayout();
    const first = await applyMigrations(url, layout);
    expect(first.length).toBeGreaterThan(0);
    expect(await applyMigrations(url, layout)).toEqual([]);
    const tables = await query<{ table_name: string }>(
      url,
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`,
    );
    expect(tables.map((t) => t.table_name)).toContain('installation');
  });

  it('several instances starting at once on one new database: each waits its turn, every migration applied once', async () => {
    const { url } = await database();
    const layout = projectMigrationsLayout();
    const results = await Promise.all([1, 2, 3].map(() => applyMigrations(url, layout)));
    const applied = results.flat();
    expect(new Set(applied).size).toBe(applied.length);
    const rows = await query<{ migration_name: string }>(url, 'SELECT migration_name FROM _prisma_migrations');
    expect(rows.map((row) => row.migration_name).sort()).toEqual([...applied].sort());
  });

  it("keeps Prisma's own history, so `prisma migrate deploy` can take over", async () => {
    const { url } = await database();
    const layout = projectMigrationsLayout();
    const applied = await applyMigrations(url, layout);
    const rows = await query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      url,
      'SELECT migration_name, checksum, finished_at FROM _prisma_migrations ORDER BY migration_name',
    );
    expect(rows.map((r) => r.migration_name)).toEqual(applied);
    for (const row of rows) {
      const sql = await readFile(path.join(layout.migrationsDir, row.migration_name, 'migration.sql'));
      expect(row.checksum).toBe(createHash('sha256').update(sql).digest('hex'));
      expect(row.finished_at).not.toBeNull();
    }
  });

  it('stops at a failing migration, names it, and leaves the earlier ones applied', async () => {
    const { url } = await database();
    const layout = await copyLayout();
    const bad = path.join(layout.migrationsDir, '29990101000000_broken');
    await mkdir(bad);
    await writeFile(path.join(bad, 'migration.sql'), 'CREATE TABLE "broken" ("id" NO_SUCH_TYPE);');
    await expect(applyMigrations(url, layout)).rejects.toThrow(/29990101000000_broken/);
    const rows = await query<{ migration_name: string; finished_at: Date | null }>(
      url,
      'SELECT migration_name, finished_at FROM _prisma_migrations ORDER BY migration_name',
    );
    expect(rows.at(-1)).toMatchObject({ migration_name: '29990101000000_broken', finished_at: null });
    expect(rows.slice(0, -1).every((r) => r.finished_at !== null)).toBe(true);
  });
});
