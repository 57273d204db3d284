import type pg from 'pg';
import { withPgClient } from './with-pg-client';

/**
 * A comparable description of a database's public schema, read from the catalog: columns with
 * types, nullability and defaults; constraints; indexes; enum types. Used to check that the
 * migrations build exactly the database schema.prisma describes.
 */
export type SchemaCatalog = { columns: string[]; constraints: string[]; indexes: string[]; enums: string[] };

const ignoredTable = '_prisma_migrations';

export async function readSchemaCatalog(connectionString: string): Promise<SchemaCatalog> {
  return withPgClient(connectionString, async (client) => {
    const columns = await client.query<{ line: string }>(
      `SELECT table_name || '.' || column_name || ' ' || udt_name
              || coalesce('(' || character_maximum_length || ')', '')
              || coalesce(' p' || datetime_precision, '')
              || CASE WHEN is_nullable = 'NO' THEN ' not null' ELSE '' END
              || coalesce(' default ' || column_default, '') AS line
         FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name <> $1`,
      [ignoredTable],
    );
    const constraints = await client.query<{ line: string }>(
      `SELECT rel.relname || ' ' || con.conname || ' ' || pg_get_constraintdef(con.oid) AS line
         FROM pg_constraint con
         JOIN pg_class rel ON rel.oid = con.conrelid
         JOIN pg_namespace ns ON ns.oid = rel.relnamespace
        WHERE ns.nspname = 'public' AND rel.relname <> $1`,
      [ignoredTable],
    );
    const indexes = await client.query<{ line: string }>(
      `SELECT indexdef AS line FROM pg_indexes WHERE schemaname = 'public' AND tablename <> $1`,
      [ignoredTable],
    );
    const enums = await client.query<{ line: string }>(
      `SELECT t.typname || ' ' || string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) AS line
         FROM pg_type t
         JOIN pg_enum e ON e.enumtypid = t.oid
         JOIN pg_namespace ns ON ns.oid = t.typnamespace
        WHERE ns.nspname = 'public'
        GROUP BY t.typname`,
    );
    const sorted = (result: pg.QueryResult<{ line: string }>) => result.rows.map((row) => row.line).sort();
    return {
      columns: sorted(columns),
      constraints: sorted(constraints),
      indexes: sorted(indexes),
      enums: sorted(enums),
    };
  });
}

/** Lines present in one catalog and not the other, marked `-` (only in `expected`) or `+` (only in `actual`). */
export function compareCatalogs(expected: SchemaCatalog, actual: SchemaCatalog): string[] {
  const differences: string[] = [];
  for (const part of ['columns', 'constraints', 'indexes', 'enums'] as const) {
    const left = new Set(expected[part]);
    const right = new Set(actual[part]);
    for (const line of left) if (!right.has(line)) differences.push(`- ${part}: ${line}`);
    for (const line of right) if (!left.has(line)) differences.push(`+ ${part}: ${line}`);
  }
  return differences;
}
