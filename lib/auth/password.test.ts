import { describe, expect, it } from 'vitest';
import { hashPassword, passwordNeedsRehash, verifyPassword } from './password';

describe('password hashing', () => {
  it('every byte of a long password counts, past the 72 that bcrypt itself reads', async () => {
    const long = `${'п'.repeat(40)}-tail-one`; // 80 characters, 89 bytes in UTF-8
    const hash = await hashPassword(long);
    expect(await verifyPassword(long, hash)).toBe(true);
    expect(await verifyPassword(`${'п'.repeat(40)}-tail-two`, hash)).toBe(false);
    expect(await verifyPassword('п'.repeat(36), hash)).toBe(false);
  });

  it('still opens hashes made before, and says they should be made again', async () => {
    const bcrypt = (await import('bcryptjs')).default;
    const legacy = await bcrypt.hash('right-password-1', 4);
    expect(await verifyPassword('right-password-1', legacy)).toBe(true);
    expect(passwordNeedsRehash(legacy)).toBe(true);
    expect(passwordNeedsRehash(await hashPassword('right-password-1'))).toBe(false);
  });
});
