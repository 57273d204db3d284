import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { pendingSchemaChanges, projectMigrationsLayout } from './migrations';
import { createScratchDatabase } from './scratch-database';
import { findSchemaDrift } from './schema-drift';

const adminUrl = inject('postgresAdminUrl');

describe('schema drift', () => {
  it('the migrations build exactly the database that prisma/schema.prisma describes', async () => {
    expect(await findSchemaDrift(adminUrl, projectMigrationsLayout())).toEqual([]);
  });

  it('the migrated-schema snapshot matches prisma/schema.prisma (no migration is missing)', async () => {
    const scratch = await createScratchDatabase(adminUrl);
    try {
      expect(await pendingSchemaChanges(scratch.url, projectMigrationsLayout())).toBe('');
    } finally {
      await scratch.drop();
    }
  });

  it('is detected when a migration is deleted', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'fp-drift-'));
    await cp(path.resolve('prisma'), path.join(root, 'prisma'), { recursive: true });
    const layout = projectMigrationsLayout(root);
    const folders = (await readdir(layout.migrationsDir)).filter((name) => /^\d{14}_/.test(name)).sort();
    await rm(path.join(layout.migrationsDir, folders.at(-1)!), { recursive: true });

    const drift = await findSchemaDrift(adminUrl, layout);
    // What the deleted migration created is reported missing ("- "); a migration that replaced
    // something (an index, say) also leaves the old thing behind ("+ ").
    expect(drift.some((line) => line.startsWith('- '))).toBe(true);
    expect(drift.every((line) => line.startsWith('- ') || line.startsWith('+ '))).toBe(true);
  });
});
