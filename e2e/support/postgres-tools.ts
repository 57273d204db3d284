import { execFileSync } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { majorVersionOf } from '@/lib/db/restore-backup';
import type { PostgresBinaries } from '@/lib/db/postgres-as-root';

export type PostgresTools = { major: number; pgDump: string; server: PostgresBinaries };

const missing = [
  "The backup test needs PostgreSQL's own programs: pg_dump and pg_restore, and a server of the same major version.",
  '  - Debian/Ubuntu: sudo apt-get install postgresql (.ci/run installs it when missing)',
  '  - elsewhere: PostgreSQL with its client programs, with pg_dump on PATH',
].join('\n');

function output(command: string, args: string[]): string | null {
  try {
    return execFileSync(command, args, { stdio: ['ignore', 'pipe', 'ignore'] }).toString();
  } catch {
    return null;
  }
}

/**
 * The pg_dump on PATH and a PostgreSQL server of its major version: pg_dump cannot dump a newer
 * server, so the test's database runs on these rather than the embedded (newer) one. The server is
 * found where Debian and Ubuntu put it (/usr/lib/postgresql/<major>/bin), else beside pg_dump.
 */
export function findPostgresTools(): PostgresTools {
  const major = majorVersionOf(output('pg_dump', ['--version']) ?? '');
  const onPath = output('sh', ['-c', 'command -v pg_dump'])?.trim();
  if (major === null || !onPath) throw new Error(`pg_dump was not found.\n${missing}`);
  const folders = [`/usr/lib/postgresql/${major}/bin`, path.dirname(realpathSync(onPath))];
  const folder = folders.find((candidate) =>
    ['postgres', 'initdb', 'pg_dump'].every((program) => existsSync(path.join(candidate, program))),
  );
  if (!folder)
    throw new Error(
      `pg_dump ${major} was found, but no PostgreSQL ${major} server (${folders.join(', ')}).\n${missing}`,
    );
  return {
    major,
    pgDump: path.join(folder, 'pg_dump'),
    server: { postgres: path.join(folder, 'postgres'), initdb: path.join(folder, 'initdb') },
  };
}
