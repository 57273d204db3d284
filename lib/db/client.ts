import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { env } from '@/lib/env';
import { PrismaClient } from './generated/client';

export type { PrismaClient };

/** Connections each process keeps to the database at most. */
export const poolSize = 10;
/** How long opening a connection may take: with the database down, a page fails in seconds. */
const connectTimeoutMs = 3_000;
/**
 * How long a query waits for a free connection while all are busy (many users at once): as long
 * as a reverse proxy waits for the page (nginx's default), so a busy app is slow, not failing.
 */
const poolWaitMs = 60_000;

/**
 * pg.Pool applies its one `connectionTimeoutMillis` both to waiting for a free connection and to
 * opening one; a connection's own timeout, set here, keeps opening one short.
 */
class ConnectTimeoutClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super({
      ...(typeof config === 'string' ? { connectionString: config } : config),
      connectionTimeoutMillis: connectTimeoutMs,
    });
  }
}

/**
 * A Prisma client over node-postgres. Connections that fail are dropped from the pool and
 * re-opened on the next query, so the app serves again as soon as the database is back.
 */
export function createPrismaClient(connectionString: string): PrismaClient {
  return new PrismaClient({
    adapter: new PrismaPg({
      connectionString,
      connectionTimeoutMillis: poolWaitMs,
      max: poolSize,
      Client: ConnectTimeoutClient,
    }),
  });
}

const globalForPrisma = globalThis as unknown as { flowpilotPrisma?: PrismaClient };

/** The app's shared client (one per process; kept across hot reloads in development). */
export function db(): PrismaClient {
  if (!globalForPrisma.flowpilotPrisma) {
    const url = env().DATABASE_URL;
    if (!url) {
      throw new Error('DATABASE_URL is not set. Start Flowpilot with `npm start`, which provides a database.');
    }
    globalForPrisma.flowpilotPrisma = createPrismaClient(url);
  }
  return globalForPrisma.flowpilotPrisma;
}
