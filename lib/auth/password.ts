import { createHmac } from 'node:crypto';
import bcrypt from 'bcryptjs';
import pLimit from 'p-limit';
import { z } from 'zod';

const cost = 12;

/** At least 10 characters: long enough to resist guessing, with no composition rules. */
export const passwordSchema = z.string().min(10).max(200);

/**
 * bcrypt reads only the first 72 bytes, so a password is first reduced to a fixed 44-character
 * digest (keyed, so the digest alone is useless elsewhere) and every byte counts. Hashes made
 * before carry no prefix; they still open, and are made again at the next sign-in.
 */
const prefix = 'fp1$';

function digest(password: string): string {
  return createHmac('sha256', 'flowpilot:password:v1').update(password, 'utf8').digest('base64');
}

/** Hashing is CPU work a stranger can ask for: a few run at once, and past a queue the request is refused. */
const hashing = pLimit(2);
const maxWaiting = 32;

export class PasswordCheckBusyError extends Error {
  constructor() {
    super('Too many password checks are waiting.');
    this.name = 'PasswordCheckBusyError';
  }
}

function bounded<T>(work: () => Promise<T>): Promise<T> {
  if (hashing.pendingCount >= maxWaiting) return Promise.reject(new PasswordCheckBusyError());
  return hashing(work);
}

export function hashPassword(password: string): Promise<string> {
  return bounded(async () => `${prefix}${await bcrypt.hash(digest(password), cost)}`);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bounded(() =>
    hash.startsWith(prefix)
      ? bcrypt.compare(digest(password), hash.slice(prefix.length))
      : bcrypt.compare(password, hash),
  );
}

export function passwordNeedsRehash(hash: string): boolean {
  return !hash.startsWith(prefix);
}

// Compared against when the account does not exist, so a wrong e-mail costs as long as a wrong password.
const decoyHash = `${prefix}${bcrypt.hashSync(digest('flowpilot-decoy-password'), cost)}`;

export function spendPasswordCheck(password: string): Promise<boolean> {
  return verifyPassword(password, decoyHash);
}
