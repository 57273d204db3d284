import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type { SchemaEngine } from '@prisma/schema-engine-wasm';

/**
 * Prisma's own schema engine, in its WebAssembly build, driven over the pg driver adapter. It
 * works without internet (the CLI's native engine is a download) and keeps the same
 * `_prisma_migrations` history that `prisma migrate deploy` writes.
 */

type EngineModule = typeof import('@prisma/schema-engine-wasm/schema_engine_bg');

let enginePromise: Promise<EngineModule> | undefined;

async function loadEngineModule(): Promise<EngineModule> {
  const require = createRequire(import.meta.url);
  // The package's entry imports a .wasm file directly, which Node cannot; load the glue and
  // instantiate the module by hand instead.
  const glue: EngineModule = await import('@prisma/schema-engine-wasm/schema_engine_bg');
  const wasmPath = path.join(
    path.dirname(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg')),
    'schema_engine_bg.wasm',
  );
  const bytes = await readFile(wasmPath);
  const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': glue });
  const exports = instance.exports as WebAssembly.Exports & { __wbindgen_start: () => void };
  glue.__wbg_set_wasm(exports);
  exports.__wbindgen_start();
  return glue;
}

export type SchemaFile = { path: string; content: string };

/**
 * Opens an engine for one database. `schema` is the datamodel the engine starts with (it only
 * needs the datasource provider; migrations and diffs bring their own inputs).
 */
export async function openSchemaEngine(connectionString: string, schema: SchemaFile): Promise<SchemaEngine> {
  enginePromise ??= loadEngineModule();
  const engineModule = await enginePromise;
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPg({ connectionString }));
  const logs: string[] = [];
  return engineModule.SchemaEngine.new(
    { datamodels: [[schema.path, schema.content]] },
    (line: string) => logs.push(line),
    adapter,
  );
}

export const noSchemaFilter = { externalTables: [], externalEnums: [] };
