import ExcelJS from 'exceljs';
import type { ExportTable } from './table';

/** One worksheet with a bold, frozen header row; numbers stay numbers. */
export async function toXlsx(table: ExportTable): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'VPVKAC IS';
  const sheet = workbook.addWorksheet(table.name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = table.columns.map((c) => ({ header: c.header, key: c.key, width: Math.min(60, Math.max(10, c.header.length + 2)) }));
  sheet.getRow(1).font = { bold: true };
  for (const row of table.rows) sheet.addRow(Object.fromEntries(table.columns.map((c) => [c.key, row[c.key] ?? null])));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
