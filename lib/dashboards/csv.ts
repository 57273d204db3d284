/** A CSV column: the row field it reads and the header a person sees. */
export type CsvColumn = { key: string; header: string };

export type CsvRow = Record<string, string | number | null>;

// Excel reads a file without a byte order mark in the system's legacy code page, which garbles Cyrillic.
const byteOrderMark = '\uFEFF';

// Spreadsheets run a cell that starts with one of these as a formula (CSV injection); an apostrophe
// in front makes them show it as text. Task titles come from the portal, so any of them may be hostile.
const formulaStart = /^[=+\-@\t\r]/;

function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  // Numbers go out as they are (a negative one is a number, not a formula); NaN and Infinity mean no figure.
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = formulaStart.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** RFC 4180 text (comma separated, CRLF line ends), headers first, for Excel and other spreadsheets. */
export function toCsv(columns: CsvColumn[], rows: CsvRow[]): string {
  const lines = [
    columns.map((column) => csvCell(column.header)),
    ...rows.map((row) => columns.map((column) => csvCell(row[column.key]))),
  ];
  return `${byteOrderMark}${lines.map((cells) => cells.join(',')).join('\r\n')}\r\n`;
}
