import { Prisma } from './generated/client';

/** Whether a write failed on a unique key (Prisma's P2002): another request or instance wrote the row first. */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}
