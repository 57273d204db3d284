// npm run db:restore -- --dump FILE --to postgresql://…/flowpilot_restore
// Restores a `pg_dump --format=custom` backup into a new or empty database (lib/db/restore-backup.ts).
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { RestoreError, restoreBackup } from '../lib/db/restore-backup';
import { postgresUrl } from '../lib/env';

const usage = `Usage: npm run db:restore -- --dump FILE --to DATABASE_URL
  --dump FILE   a backup written by pg_dump --format=custom
  --to URL      the database to restore into, e.g. postgresql://flowpilot:secret@db:5432/flowpilot_restore;
                created when missing (the user needs CREATEDB), refused when it already holds tables
Then start Flowpilot on it (DATABASE_URL=<the same URL> npm start) with the deployment's ENCRYPTION_KEY.`;

const argsSchema = z.object({
  dump: z.string({ error: 'is required' }).min(1, 'must name a file'),
  to: z.string({ error: 'is required' }).pipe(postgresUrl),
});

function fail(problem: string): never {
  console.error(`${problem}\n\n${usage}`);
  process.exit(2);
}

function parseArguments() {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      options: { dump: { type: 'string' }, to: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success) {
    return fail(parsed.error.issues.map((issue) => `--${issue.path.join('.')}: ${issue.message}`).join('\n'));
  }
  return parsed.data;
}

const args = parseArguments();
try {
  const summary = await restoreBackup({ dumpFile: args.dump, targetUrl: args.to, log: (line) => console.log(line) });
  console.log(
    `Restored into ${summary.database}: ${summary.migrations} migrations, ${summary.users} users, ${summary.portals} portals, ${summary.flows} flows, ${summary.tasks} tasks.`,
  );
  process.exit(0);
} catch (error) {
  console.error(error instanceof RestoreError ? error.message : error);
  process.exit(1);
}
