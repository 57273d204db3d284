import { describe, expect, it } from 'vitest';
import { encodePhpQuery, parsePhpQuery, PhpQueryError } from './php-query';

describe('PHP bracket queries', () => {
  it('encodes nested params the way Bitrix24 batch commands expect', () => {
    const query = encodePhpQuery({
      filter: { '>ID': 5, FLOW_ID: [1, 2] },
      select: ['ID', 'TITLE'],
      order: { ID: 'asc' },
      start: -1,
      halt: true,
    });
    expect(decodeURIComponent(query)).toBe(
      'filter[>ID]=5&filter[FLOW_ID][0]=1&filter[FLOW_ID][1]=2&select[0]=ID&select[1]=TITLE&order[ID]=asc&start=-1&halt=1',
    );
  });

  it('escapes values so & and = inside them survive', () => {
    expect(parsePhpQuery(encodePhpQuery({ fields: { TITLE: 'A & B = C?' } }))).toEqual({
      fields: { TITLE: 'A & B = C?' },
    });
  });

  it('parses brackets, empty brackets and indexes back into objects and arrays', () => {
    expect(
      parsePhpQuery('select[]=ID&select[]=FLOW_ID&filter[>ID]=0&order[ID]=asc&start=-1&list[0][0]=user&list[0][1]=3'),
    ).toEqual({
      select: ['ID', 'FLOW_ID'],
      filter: { '>ID': '0' },
      order: { ID: 'asc' },
      start: '-1',
      list: [['user', '3']],
    });
  });

  it('round-trips what it encodes', () => {
    const params = { cmd: { a: 'user.get?ID=1', b: 'tasks.task.list?filter[>ID]=$result[a][0][ID]' }, halt: '0' };
    expect(parsePhpQuery(encodePhpQuery(params))).toEqual(params);
  });

  it('ignores malformed keys instead of throwing', () => {
    expect(parsePhpQuery('a]b=1&=2&ok=3')).toEqual({ ok: '3' });
  });
});

describe('hostile bracket keys', () => {
  const originalToString = Object.prototype.toString;
  const hostile = [
    'x[__proto__][toString]=1',
    '__proto__[polluted]=1',
    'a[constructor][prototype][polluted]=1',
    'constructor[prototype][polluted]=1',
    'a[b][__proto__][polluted]=1',
    'a[prototype]=1',
  ];

  it.each(hostile)('refuses %s and leaves Object.prototype untouched', (query) => {
    expect(() => parsePhpQuery(query)).toThrow(PhpQueryError);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.toString).toBe(originalToString);
  });

  it('builds plain data: no parsed object inherits anything an attacker could name', () => {
    const parsed = parsePhpQuery('a[b]=1&c[]=2') as { a: Record<string, unknown>; c: unknown[] };
    expect(parsed).toEqual({ a: { b: '1' }, c: ['2'] });
    expect(Object.getPrototypeOf(parsed.a)).toBe(Object.prototype);
  });

  it('refuses nesting deeper than PHP accepts (64 levels), and more variables than PHP reads (1,000)', () => {
    expect(() => parsePhpQuery(`a${'[a]'.repeat(4_000)}=1`)).toThrow(PhpQueryError);
    expect(() => parsePhpQuery(`a${'[a]'.repeat(64)}=1`)).toThrow(PhpQueryError);
    expect(parsePhpQuery(`a${'[a]'.repeat(63)}=1`)).toBeTypeOf('object');
    expect(() => parsePhpQuery(Array.from({ length: 1_001 }, (_, i) => `k${i}=1`).join('&'))).toThrow(PhpQueryError);
    expect(Object.keys(parsePhpQuery(Array.from({ length: 1_000 }, (_, i) => `k${i}=1`).join('&')))).toHaveLength(
      1_000,
    );
  });
});
