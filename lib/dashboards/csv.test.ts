import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';

const columns = [
  { key: 'id', header: 'Task' },
  { key: 'title', header: 'Название' },
  { key: 'lead', header: 'Lead time, days' },
];

/** The file without its byte order mark, split into records. */
function records(csv: string): string[] {
  return csv.slice(1).split('\r\n');
}

describe('toCsv', () => {
  it('starts with a UTF-8 byte order mark, ends every record with CRLF and keeps Cyrillic as it is', () => {
    const csv = toCsv(columns, [{ id: 1, title: 'Согласовать договор', lead: 3.25 }]);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1)).toBe('Task,Название,"Lead time, days"\r\n1,Согласовать договор,3.25\r\n');
    expect([...new TextEncoder().encode(csv).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('quotes cells with commas, quotes and line breaks (RFC 4180)', () => {
    const csv = toCsv(columns, [
      { id: 2, title: 'Счёт, акт и "закрывающие"', lead: 1 },
      { id: 3, title: 'Первая строка\nвторая\r\nтретья', lead: 2 },
    ]);
    expect(records(csv).slice(1, -1).join('\r\n')).toBe(
      '2,"Счёт, акт и ""закрывающие""",1\r\n3,"Первая строка\nвторая\r\nтретья",2',
    );
  });

  it('defuses titles that a spreadsheet would run as formulas', () => {
    const titles = [
      '=HYPERLINK("http://evil.example","Открыть")',
      '+7 (495) 000-00-00',
      '-2+3',
      '@SUM(A1:A9)',
      '\tскрытая',
      '\rвозврат',
    ];
    const csv = toCsv(
      [{ key: 'title', header: 'Title' }],
      titles.map((title) => ({ title })),
    );
    expect(records(csv)).toEqual([
      'Title',
      `"'=HYPERLINK(""http://evil.example"",""Открыть"")"`,
      "'+7 (495) 000-00-00",
      "'-2+3",
      "'@SUM(A1:A9)",
      "'\tскрытая",
      // A leading carriage return is defused and quoted, so it does not end the record.
      `"'\rвозврат"`,
      '',
    ]);
  });

  it('writes numbers as numbers, negative ones included, and leaves missing values empty', () => {
    const csv = toCsv(columns, [
      { id: 4, title: null, lead: -12.5 },
      { id: 5, title: 'x', lead: Number.NaN },
      { id: 6, lead: 0 },
    ]);
    expect(records(csv).slice(1)).toEqual(['4,,-12.5', '5,x,', '6,,0', '']);
  });

  it('escapes headers like any other cell', () => {
    expect(records(toCsv([{ key: 'a', header: '=Эффективность, %' }], []))).toEqual([`"'=Эффективность, %"`, '']);
  });
});
