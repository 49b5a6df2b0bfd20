/** A flat table for exports: column keys, headers, and rows of plain values. */
export interface ExportColumn {
  key: string;
  header: string;
}

export type ExportValue = string | number | boolean | null;

export interface ExportTable {
  name: string;
  columns: ExportColumn[];
  rows: Array<Record<string, ExportValue>>;
}
