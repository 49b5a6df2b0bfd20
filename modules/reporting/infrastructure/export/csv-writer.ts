import type { ExportTable, ExportValue } from './table';

// A text cell starting with one of these would run as a formula in a spreadsheet (CSV injection).
const FORMULA_START = /^[=+\-@\t\r]/;

function cell(value: ExportValue): string {
  if (value === null) return '';
  if (typeof value !== 'string') return String(value);
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** RFC 4180 CSV in UTF-8 with a byte-order mark (so spreadsheets read Latvian letters right), CRLF lines. */
export function toCsv(table: ExportTable): Buffer {
  const lines = [table.columns.map((c) => cell(c.header)).join(','), ...table.rows.map((row) => table.columns.map((c) => cell(row[c.key] ?? null)).join(','))];
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}
