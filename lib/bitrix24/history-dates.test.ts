import { describe, expect, it } from 'vitest';
import { formatHistoryDate, parseHistoryDate } from './history-dates';

const moment = Date.UTC(2024, 9, 1, 11, 0, 0);

describe('history dates', () => {
  it('reads Unix seconds as the UTC instant, in any portal offset', () => {
    expect(parseHistoryDate('1727780400', '+03:00')).toBe(moment);
    expect(parseHistoryDate('1727780400', '-05:00')).toBe(moment);
    expect(parseHistoryDate(1727780400, '+00:00')).toBe(moment);
  });

  it('reads date text as a portal date', () => {
    expect(parseHistoryDate('2024-10-01T14:00:00+03:00', '+00:00')).toBe(moment);
    expect(parseHistoryDate('01.10.2024 14:00:00', '+03:00')).toBe(moment);
  });

  it('gives null for empty values, "0" and nonsense', () => {
    for (const value of [null, undefined, '', ' ', '0', 'soon']) expect(parseHistoryDate(value, '+03:00')).toBeNull();
  });

  it('writes whole seconds, which read back to the same instant', () => {
    expect(formatHistoryDate(moment + 999)).toBe('1727780400');
    expect(parseHistoryDate(formatHistoryDate(moment), '+03:00')).toBe(moment);
  });
});
