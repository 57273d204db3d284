// npm run db:migrate — applies pending migrations to DATABASE_URL, or to the embedded database.
import { withCommandDatabase } from '../lib/db/command-database';
import { applyMigrations, projectMigrationsLayout } from '../lib/db/migrations';

try {
  const applied = await withCommandDatabase((url) => applyMigrations(url, projectMigrationsLayout()));
  console.log(
    applied.length
      ? `Applied ${applied.length} migration(s):\n  ${applied.join('\n  ')}`
      : 'The database is up to date.',
  );
  process.exit(0);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
