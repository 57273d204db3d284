import { appendFile, cp, mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { applyMigrations, projectMigrationsLayout, writeMigration, type MigrationsLayout } from './migrations';
import { createScratchDatabase, type ScratchDatabase } from './scratch-database';
import { findSchemaDrift } from './schema-drift';

const adminUrl = inject('postgresAdminUrl');

describe('writing a migration (npm run db:migration)', () => {
  let layout: MigrationsLayout;
  let scratch: ScratchDatabase;

  beforeAll(async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'fp-authoring-'));
    await cp(path.resolve('prisma'), path.join(root, 'prisma'), { recursive: true });
    layout = projectMigrationsLayout(root);
    scratch = await createScratchDatabase(adminUrl);
  });
  afterAll(() => scratch.drop());

  it('writes nothing while the schema matches the migrations', async () => {
    expect(await writeMigration(scratch.url, 'nothing', layout)).toBeNull();
  });

  it('refuses names that are not snake_case', async () => {
    await expect(writeMigration(scratch.url, '../escape', layout)).rejects.toThrow(/a-z, 0-9 and _/);
  });

  it('turns a schema change into a migration that applies and leaves no drift', async () => {
    await appendFile(
      layout.schemaPath,
      '\nmodel Example {\n  id    Int    @id @default(autoincrement())\n  label String @db.VarChar(80)\n\n  @@index([label])\n}\n',
    );
    const written = await writeMigration(scratch.url, 'add_example', layout, new Date('2999-01-01T00:00:00Z'));
    expect(written?.folder).toBe('29990101000000_add_example');
    expect(written?.sql).toMatch(/CREATE TABLE "Example"/);
    expect(written?.sql).toMatch(/CREATE INDEX "Example_label_idx"/);

    expect(await readFile(layout.snapshotPath, 'utf8')).toBe(await readFile(layout.schemaPath, 'utf8'));
    expect(await applyMigrations(scratch.url, layout)).toContain('29990101000000_add_example');
    expect(await findSchemaDrift(adminUrl, layout)).toEqual([]);
    expect(await writeMigration(scratch.url, 'again', layout)).toBeNull();
  });
});
