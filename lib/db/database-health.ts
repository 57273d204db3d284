import type { PrismaClient } from './client';

export const databaseDownReasons = {
  refused: 'the database server refused the connection',
  closed: 'the database server closed the connection',
  unknownHost: 'the database host name does not resolve',
  timeout: 'the database server did not answer in time',
  badPassword: 'the database password was rejected',
  notAllowed: 'the database user is not allowed to connect',
  noDatabase: 'the database does not exist',
  shuttingDown: 'the database server is shutting down',
  startingUp: 'the database server is starting up',
  notConfigured: 'no database is configured',
  queryFailed: 'the database query failed',
} as const;

export type DatabaseDownReason = keyof typeof databaseDownReasons;

export type DatabaseHealth = { up: true; latencyMs: number } | { up: false; reason: DatabaseDownReason };

const reasonsByCode: Record<string, DatabaseDownReason> = {
  ECONNREFUSED: 'refused',
  ECONNRESET: 'closed',
  EPIPE: 'closed',
  ENOTFOUND: 'unknownHost',
  EAI_AGAIN: 'unknownHost',
  ETIMEDOUT: 'timeout',
  '28P01': 'badPassword',
  '28000': 'notAllowed',
  '3D000': 'noDatabase',
  '57P01': 'shuttingDown',
  '57P03': 'startingUp',
};

/**
 * Why a database call failed, as a reason a person can act on (never the connection string).
 * Codes sit at different depths: node's `code`, the pg driver's SQLSTATE, or Prisma's
 * `meta.driverAdapterError.cause.originalCode`.
 */
export function classifyDatabaseError(error: unknown): DatabaseDownReason {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length > 0) {
    const current = queue.shift();
    if (!current || typeof current !== 'object' || seen.has(current)) continue;
    seen.add(current);
    const { code, originalCode, cause, meta, driverAdapterError } = current as Record<string, unknown>;
    for (const candidate of [originalCode, code]) {
      if (typeof candidate === 'string' && reasonsByCode[candidate]) return reasonsByCode[candidate];
    }
    queue.push(cause, meta, driverAdapterError);
  }
  const message = error instanceof Error ? error.message : String(error);
  if (/timeout|timed out/i.test(message)) return 'timeout';
  if (/ECONNREFUSED|Can't reach database server/i.test(message)) return 'refused';
  if (/Connection terminated|ECONNRESET|closed/i.test(message)) return 'closed';
  if (/DATABASE_URL is not set/.test(message)) return 'notConfigured';
  return 'queryFailed';
}

/** Runs `SELECT 1` with a deadline, so a hung server reads as down instead of hanging the caller. */
export async function checkDatabase(client: () => PrismaClient, timeoutMs = 3_000): Promise<DatabaseHealth> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })), timeoutMs);
  });
  try {
    await Promise.race([client().$queryRaw`SELECT 1`, deadline]);
    return { up: true, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { up: false, reason: classifyDatabaseError(error) };
  } finally {
    clearTimeout(timer);
  }
}
