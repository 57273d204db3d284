import { describe, expect, it } from 'vitest';
import { majorVersionOf } from './restore-backup';

describe('majorVersionOf', () => {
  it("reads the major version from PostgreSQL's programs' --version lines", () => {
    expect(majorVersionOf('pg_restore (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)\n')).toBe(15);
    expect(majorVersionOf('pg_dump (PostgreSQL) 18.1')).toBe(18);
    expect(majorVersionOf('pg_restore (PostgreSQL) 9.6.24')).toBe(9);
    expect(majorVersionOf('something else 15.1')).toBeNull();
  });
});
