import { describe, expect, it } from 'vitest';
import { parseFlowIdList } from './flow-id-list';

describe('parseFlowIdList', () => {
  it('reads ids separated by commas, spaces, semicolons or lines, once each', () => {
    expect(parseFlowIdList('12, 15;40\n12 #7')).toEqual({ ok: true, ids: [12, 15, 40, 7] });
  });

  it.each([
    ['', 'empty'],
    [' ,; ', 'empty'],
    ['0', 'invalid'],
    ['-3', 'invalid'],
    ['1.5', 'invalid'],
    ['abc', 'invalid'],
    ['2147483648', 'invalid'],
    ['99999999999', 'invalid'],
  ])('refuses %j as %s', (text, error) => {
    expect(parseFlowIdList(text)).toEqual({ ok: false, error });
  });

  it('accepts the highest Postgres integer and at most 100 ids at once', () => {
    expect(parseFlowIdList('2147483647')).toEqual({ ok: true, ids: [2147483647] });
    const many = Array.from({ length: 101 }, (_, index) => index + 1).join(',');
    expect(parseFlowIdList(many)).toEqual({ ok: false, error: 'too-many' });
  });
});
