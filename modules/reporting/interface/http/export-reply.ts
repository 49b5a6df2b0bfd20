import type { FastifyReply } from 'fastify';
import { toCsv } from '../../infrastructure/export/csv-writer';
import { toXlsx } from '../../infrastructure/export/xlsx-writer';
import type { ExportTable } from '../../infrastructure/export/table';
import type { ExportFormat } from './reporting.dto';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** JSON as is; CSV or XLSX as a download named after the report and its range. */
export async function exportAs<T>(format: ExportFormat | undefined, reply: FastifyReply, report: T, table: (report: T) => ExportTable, fileName: string): Promise<T | Buffer> {
  if (!format || format === 'json') return report;
  const file = format === 'csv' ? toCsv(table(report)) : await toXlsx(table(report));
  void reply.header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : XLSX);
  void reply.header('content-disposition', `attachment; filename="${fileName}.${format}"`);
  return file;
}
