import { PrismaPg } from '@prisma/adapter-pg';
import { env } from '@/lib/env';
import { PrismaClient } from './generated/client';

export type { PrismaClient };

/**
 * A Prisma client over node-postgres. Connections that fail are dropped from the pool and
 * re-opened on the next query, so the app serves again as soon as the database is back.
 */
export function createPrismaClient(connectionString: string): PrismaClient {
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString, connectionTimeoutMillis: 3_000, max: 10 }),
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
