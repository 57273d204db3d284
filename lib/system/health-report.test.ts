import { describe, expect, it } from 'vitest';
import { healthReport, healthReportSchema } from './health-report';

describe('healthReport', () => {
  it('reports ok with the latency when the database is up', () => {
    expect(healthReport({ up: true, latencyMs: 4 }, '1.2.3')).toEqual({
      status: 'ok',
      db: 'up',
      version: '1.2.3',
      latencyMs: 4,
    });
  });

  it('reports the reason, as a code and in words, when it is down', () => {
    const report = healthReport({ up: false, reason: 'refused' }, '1.2.3');
    expect(report).toEqual({
      status: 'error',
      db: 'down',
      version: '1.2.3',
      reasonCode: 'refused',
      reason: 'Database unreachable: the database server refused the connection.',
    });
    expect(healthReportSchema.parse(report)).toEqual(report);
  });

  it('rejects bodies that are not a health report', () => {
    expect(healthReportSchema.safeParse({ status: 'ok', db: 'down', version: '1' }).success).toBe(false);
    expect(
      healthReportSchema.safeParse({ status: 'error', db: 'down', version: '1', reasonCode: 'nope', reason: '' })
        .success,
    ).toBe(false);
  });
});
