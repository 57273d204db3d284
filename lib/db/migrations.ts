import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { MigrationList } from '@prisma/schema-engine-wasm';
import { noSchemaFilter, openSchemaEngine, type SchemaFile } from './schema-engine';
import { withPgClient } from './with-pg-client';

/**
 * Prisma migrations in the standard layout (`prisma/migrations/<timestamp>_<name>/migration.sql`
 * plus `migration_lock.toml`), applied and written through the WebAssembly schema engine.
 *
 * New migrations are diffed datamodel to datamodel: `schema.migrated.prisma` holds the schema
 * the migrations produce, so the next migration is the difference between it and
 * `schema.prisma`. (The engine cannot diff from a live database over the driver adapter.)
 */
export type MigrationsLayout = {
  /** Folder holding the migration folders and migration_lock.toml. */
  migrationsDir: string;
  /** The schema developers edit. */
  schemaPath: string;
  /** The schema the migrations produce, updated with every new migration. */
  snapshotPath: string;
};

export function projectMigrationsLayout(root: string = process.cwd()): MigrationsLayout {
  return {
    migrationsDir: path.resolve(root, 'prisma/migrations'),
    schemaPath: path.resolve(root, 'prisma/schema.prisma'),
    snapshotPath: path.resolve(root, 'prisma/schema.migrated.prisma'),
  };
}

const migrationFolderPattern = /^\d{14}_[a-z0-9_]+$/;

/** The migration folders in apply order, read into the engine's input form. */
export async function readMigrationsList(migrationsDir: string): Promise<MigrationList> {
  const lockPath = path.join(migrationsDir, 'migration_lock.toml');
  const lockContent = await readFile(lockPath, 'utf8').catch(() => null);
  const entries = await readdir(migrationsDir, { withFileTypes: true }).catch(() => []);
  const folders = entries
    .filter((entry) => entry.isDirectory() && migrationFolderPattern.test(entry.name))
    .map((entry) => entry.name)
    .sort();
  const migrationDirectories = await Promise.all(
    folders.map(async (folder) => {
      const file = path.join(migrationsDir, folder, 'migration.sql');
      const content = await readFile(file, 'utf8').then(
        (value) => ({ tag: 'ok' as const, value }),
        (error: Error) => ({ tag: 'error' as const, value: `${file}: ${error.message}` }),
      );
      return { path: folder, migrationFile: { path: 'migration.sql', content } };
    }),
  );
  return {
    baseDir: migrationsDir,
    lockfile: { path: 'migration_lock.toml', content: lockContent },
    shadowDbInitScript: '',
    migrationDirectories,
  };
}

async function readSchemaFile(file: string): Promise<SchemaFile> {
  return { path: path.basename(file), content: await readFile(file, 'utf8') };
}

/**
 * Applies every migration the database has not had yet; returns the names it applied. Instances
 * starting at once on one database take turns: the schema engine's own lock gives up after 10
 * seconds, so a start waits on this session lock first, with no time limit.
 */
export async function applyMigrations(connectionString: string, layout: MigrationsLayout): Promise<string[]> {
  return withPgClient(connectionString, async (lockHolder) => {
    await lockHolder.query(`SELECT pg_advisory_lock(hashtext('flowpilot:migrations'))`);
    const engine = await openSchemaEngine(connectionString, await readSchemaFile(layout.schemaPath));
    try {
      const migrationsList = await readMigrationsList(layout.migrationsDir);
      const result = await engine.applyMigrations({ migrationsList, filters: noSchemaFilter });
      return result.appliedMigrationNames;
    } finally {
      engine.free();
    }
  });
}

/**
 * The SQL that turns the database of one datamodel into that of another (`null` = empty
 * database). The engine connects to a database on start, though a datamodel diff reads nothing.
 */
export async function diffDatamodels(
  connectionString: string,
  from: SchemaFile | null,
  to: SchemaFile,
): Promise<string> {
  const engine = await openSchemaEngine(connectionString, to);
  try {
    const result = await engine.diff({
      from: from ? { tag: 'schemaDatamodel', files: [from] } : { tag: 'empty' },
      to: { tag: 'schemaDatamodel', files: [to] },
      script: true,
      exitCode: null,
      filters: noSchemaFilter,
    });
    return result.stdout ?? '';
  } finally {
    engine.free();
  }
}

const emptyMigrationPattern = /^\s*(--[^\n]*\n?\s*)*$/;

/** Whether a diff script has no statements (the engine answers a comment when nothing changed). */
export function isEmptyMigration(sql: string): boolean {
  return emptyMigrationPattern.test(sql);
}

/** The schema the migrations produce, or null before the first migration. */
async function readSnapshot(layout: MigrationsLayout): Promise<SchemaFile | null> {
  const content = await readFile(layout.snapshotPath, 'utf8').catch(() => null);
  return content === null ? null : { path: path.basename(layout.schemaPath), content };
}

/** The SQL still missing from the migrations for the current schema.prisma ('' when in step). */
export async function pendingSchemaChanges(connectionString: string, layout: MigrationsLayout): Promise<string> {
  const sql = await diffDatamodels(
    connectionString,
    await readSnapshot(layout),
    await readSchemaFile(layout.schemaPath),
  );
  return isEmptyMigration(sql) ? '' : sql;
}

export const migrationNamePattern = /^[a-z0-9_]{1,60}$/;

export type WrittenMigration = { folder: string; sql: string };

function timestamp(at: Date): string {
  return at.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/**
 * Writes a new migration for the difference between the migrations and schema.prisma, and moves
 * the snapshot forward. Returns null when there is nothing to migrate.
 */
export async function writeMigration(
  connectionString: string,
  name: string,
  layout: MigrationsLayout,
  at: Date = new Date(),
): Promise<WrittenMigration | null> {
  if (!migrationNamePattern.test(name)) {
    throw new Error(`Migration name "${name}" must be 1-60 characters of a-z, 0-9 and _ (for example add_flow_owner).`);
  }
  const sql = await pendingSchemaChanges(connectionString, layout);
  if (!sql) return null;
  const folder = `${timestamp(at)}_${name}`;
  const existing = await readMigrationsList(layout.migrationsDir);
  const last = existing.migrationDirectories.at(-1)?.path;
  if (last && last >= folder) {
    throw new Error(`Migration ${folder} would sort before the latest one (${last}); check the system clock.`);
  }
  await mkdir(path.join(layout.migrationsDir, folder), { recursive: true });
  await writeFile(path.join(layout.migrationsDir, folder, 'migration.sql'), sql);
  await writeFile(layout.snapshotPath, await readFile(layout.schemaPath, 'utf8'));
  return { folder, sql };
}
