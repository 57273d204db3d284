// npm run db:migration -- <name> — writes a migration from the difference between the
// migrations and prisma/schema.prisma. Apply it with `npm run db:migrate` (or `npm start`).
import { withCommandDatabase } from '../lib/db/command-database';
import { migrationNamePattern, projectMigrationsLayout, writeMigration } from '../lib/db/migrations';

const name = process.argv[2];
if (!name || !migrationNamePattern.test(name)) {
  console.error('Usage: npm run db:migration -- <name>   (a-z, 0-9 and _, for example add_flow_owner)');
  process.exit(2);
}

try {
  const written = await withCommandDatabase((url) => writeMigration(url, name, projectMigrationsLayout()));
  if (!written) {
    console.log('No changes: prisma/schema.prisma matches the migrations.');
  } else {
    console.log(`Wrote prisma/migrations/${written.folder}/migration.sql:\n\n${written.sql}`);
    console.log('Apply it with `npm run db:migrate`, or start the app.');
  }
  process.exit(0);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
