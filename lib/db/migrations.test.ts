import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isEmptyMigration, migrationNamePattern, readMigrationsList } from './migrations';

describe('readMigrationsList', () => {
  it('lists migration folders in order with their SQL, and skips anything else', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'fp-migrations-'));
    await writeFile(path.join(dir, 'migration_lock.toml'), 'provider = "postgresql"\n');
    for (const folder of ['20260102000000_second', '20260101000000_first']) {
      await mkdir(path.join(dir, folder));
      await writeFile(path.join(dir, folder, 'migration.sql'), `-- ${folder}`);
    }
    await mkdir(path.join(dir, 'notes'));
    await writeFile(path.join(dir, 'README.txt'), 'not a migration');

    const list = await readMigrationsList(dir);
    expect(list.baseDir).toBe(dir);
    expect(list.lockfile).toEqual({ path: 'migration_lock.toml', content: 'provider = "postgresql"\n' });
    expect(list.migrationDirectories.map((m) => m.path)).toEqual(['20260101000000_first', '20260102000000_second']);
    expect(list.migrationDirectories[0]?.migrationFile.content).toEqual({
      tag: 'ok',
      value: '-- 20260101000000_first',
    });
  });

  it('reports a folder without migration.sql as an error for that migration', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'fp-migrations-'));
    await mkdir(path.join(dir, '20260101000000_broken'));
    const [broken] = (await readMigrationsList(dir)).migrationDirectories;
    expect(broken?.migrationFile.content.tag).toBe('error');
  });

  it('gives an empty list for a missing folder', async () => {
    const list = await readMigrationsList(path.join(os.tmpdir(), 'fp-no-such-folder'));
    expect(list.migrationDirectories).toEqual([]);
    expect(list.lockfile.content).toBeNull();
  });
});

describe('isEmptyMigration', () => {
  it('is true for the engine answer when nothing changed', () => {
    expect(isEmptyMigration('-- This is an empty migration.\n')).toBe(true);
    expect(isEmptyMigration('')).toBe(true);
  });

  it('is false when there is a statement', () => {
    expect(isEmptyMigration('-- CreateTable\nCREATE TABLE "x" ("id" INTEGER);\n')).toBe(false);
  });
});

describe('migrationNamePattern', () => {
  it('accepts snake_case names and refuses paths, spaces and capitals', () => {
    expect(migrationNamePattern.test('add_flow_owner')).toBe(true);
    for (const bad of ['', 'Add', 'a b', '../x', 'x;drop', 'x'.repeat(61)])
      expect(migrationNamePattern.test(bad)).toBe(false);
  });
});
