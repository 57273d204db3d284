import { createHash, randomBytes } from 'node:crypto';
import type { PrismaClient } from '@/lib/db/client';
import type { AccountTokenPurpose, Prisma } from '@/lib/db/generated/client';

type Db = PrismaClient | Prisma.TransactionClient;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A new one-time token; the caller gets the secret, the database only its hash. */
export async function issueAccountToken(
  db: Db,
  purpose: AccountTokenPurpose,
  options: { userId?: string; ttlMs: number; now?: Date },
): Promise<string> {
  const token = randomBytes(24).toString('base64url');
  const now = options.now ?? new Date();
  await db.accountToken.create({
    data: {
      tokenHash: hashToken(token),
      purpose,
      userId: options.userId,
      createdAt: now,
      expiresAt: new Date(now.getTime() + options.ttlMs),
    },
  });
  return token;
}

/** The token's row when it exists, has this purpose, is unused and has not expired. */
export async function findUsableToken(db: Db, token: string, purpose: AccountTokenPurpose, now = new Date()) {
  if (!token) return null;
  const row = await db.accountToken.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!row || row.purpose !== purpose || row.usedAt || row.expiresAt <= now) return null;
  return row;
}

/** Marks a token used; false when it was already used (two requests racing for one link). */
export async function consumeToken(db: Db, token: string, now = new Date()): Promise<boolean> {
  const result = await db.accountToken.updateMany({
    where: { tokenHash: hashToken(token), usedAt: null },
    data: { usedAt: now },
  });
  return result.count === 1;
}
