import { describe, expect, it } from 'vitest';
import { describeDatabaseTarget } from './database-target';

describe('describeDatabaseTarget', () => {
  it('shows host, port and database but never the password', () => {
    const text = describeDatabaseTarget('postgresql://flow:s3cret@db.internal:6432/flowpilot?sslmode=require');
    expect(text).toBe('db.internal:6432/flowpilot');
    expect(text).not.toContain('s3cret');
  });

  it('fills in the defaults', () => {
    expect(describeDatabaseTarget('postgres://localhost')).toBe('localhost:5432/postgres');
  });

  it('does not echo an unreadable value', () => {
    expect(describeDatabaseTarget('not a url with password hunter2')).toBe('an unreadable DATABASE_URL');
  });
});
