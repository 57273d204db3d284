import bcrypt from 'bcryptjs';
import { z } from 'zod';

const cost = 12;

/** At least 10 characters: long enough to resist guessing, with no composition rules. */
export const passwordSchema = z.string().min(10).max(200);

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, cost);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

// Compared against when the account does not exist, so a wrong e-mail costs as long as a wrong password.
const decoyHash = bcrypt.hashSync('flowpilot-decoy-password', cost);

export function spendPasswordCheck(password: string): Promise<boolean> {
  return bcrypt.compare(password, decoyHash);
}
