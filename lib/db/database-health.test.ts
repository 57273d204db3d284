import { describe, expect, it } from 'vitest';
import { classifyDatabaseError } from './database-health';

describe('classifyDatabaseError', () => {
  it('reads node network codes, also when nested in causes', () => {
    expect(classifyDatabaseError(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))).toBe('refused');
    const wrapped = new Error('query failed', { cause: Object.assign(new Error('socket'), { code: 'ECONNRESET' }) });
    expect(classifyDatabaseError(wrapped)).toBe('closed');
  });

  it('reads PostgreSQL SQLSTATE codes', () => {
    expect(classifyDatabaseError({ code: '28P01' })).toBe('badPassword');
    expect(classifyDatabaseError({ code: '3D000' })).toBe('noDatabase');
    expect(classifyDatabaseError({ originalCode: '57P01' })).toBe('shuttingDown');
  });

  it('falls back to the message, then to a generic reason', () => {
    expect(classifyDatabaseError(new Error('Connection terminated unexpectedly'))).toBe('closed');
    expect(classifyDatabaseError(new Error('timeout exceeded when trying to connect'))).toBe('timeout');
    expect(classifyDatabaseError(new Error('DATABASE_URL is not set. Start…'))).toBe('notConfigured');
    expect(classifyDatabaseError('weird')).toBe('queryFailed');
  });

  it('survives cyclic causes', () => {
    const error = new Error('loop') as Error & { cause?: unknown };
    error.cause = error;
    expect(classifyDatabaseError(error)).toBe('queryFailed');
  });
});
