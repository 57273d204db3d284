import { describe, expect, it } from 'vitest';
import { encodePhpQuery, parsePhpQuery } from './php-query';

describe('PHP bracket queries', () => {
  it('encodes nested params the way Bitrix24 batch commands expect', () => {
    const query = encodePhpQuery({ filter: { '>ID': 5, FLOW_ID: [1, 2] }, select: ['ID', 'TITLE'], order: { ID: 'asc' }, start: -1, halt: true });
    expect(decodeURIComponent(query)).toBe('filter[>ID]=5&filter[FLOW_ID][0]=1&filter[FLOW_ID][1]=2&select[0]=ID&select[1]=TITLE&order[ID]=asc&start=-1&halt=1');
  });

  it('escapes values so & and = inside them survive', () => {
    expect(parsePhpQuery(encodePhpQuery({ fields: { TITLE: 'A & B = C?' } }))).toEqual({ fields: { TITLE: 'A & B = C?' } });
  });

  it('parses brackets, empty brackets and indexes back into objects and arrays', () => {
    expect(parsePhpQuery('select[]=ID&select[]=FLOW_ID&filter[>ID]=0&order[ID]=asc&start=-1&list[0][0]=user&list[0][1]=3')).toEqual({
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
