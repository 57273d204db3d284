import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createScratchDatabase } from './scratch-database';
import { applyMigrations, diffDatamodels, type MigrationsLayout } from './migrations';
import { compareCatalogs, readSchemaCatalog } from './schema-catalog';
import { withPgClient } from './with-pg-client';

/**
 * Builds one scratch database from the migrations and another straight from a schema file, and
 * lists every difference between them. Empty means the migrations produce exactly that schema.
 */
export async function findSchemaDrift(
  adminUrl: string,
  layout: MigrationsLayout,
  schemaPath = layout.schemaPath,
): Promise<string[]> {
  const fromMigrations = await createScratchDatabase(adminUrl, 'fp_drift_migrations');
  const fromSchema = await createScratchDatabase(adminUrl, 'fp_drift_schema');
  try {
    await applyMigrations(fromMigrations.url, layout);
    const schema = { path: path.basename(schemaPath), content: await readFile(schemaPath, 'utf8') };
    const sql = await diffDatamodels(fromSchema.url, null, schema);
    await withPgClient(fromSchema.url, (client) => client.query(sql));
    return compareCatalogs(await readSchemaCatalog(fromSchema.url), await readSchemaCatalog(fromMigrations.url));
  } finally {
    await Promise.all([fromMigrations.drop(), fromSchema.drop()]);
  }
}
