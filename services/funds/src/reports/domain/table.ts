import { fenToYuan } from '../../ledger/domain/money';

/** A report as rows and columns, ready for JSON, CSV or XLSX. Money columns hold fen. */
export interface ReportTable {
  /** The sheet's and the file's name. */
  name: string;
  columns: Array<{ key: string; header: string; money?: boolean }>;
  rows: Array<Record<string, string | number | null>>;
}

const quote = (value: string): string => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** Cells that would start a formula in a spreadsheet are prefixed, so a purpose text cannot run as one. */
const defuse = (value: string): string => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

/** CSV (RFC 4180) with a UTF-8 byte-order mark so that Excel reads the Chinese right; money in yuan, exact. */
export function toCsv(table: ReportTable): string {
  const header = table.columns.map((c) => quote(c.header)).join(',');
  const lines = table.rows.map((row) =>
    table.columns
      .map((c) => {
        const v = row[c.key];
        if (v === null || v === undefined) return '';
        if (c.money && typeof v === 'number') return fenToYuan(v);
        return quote(defuse(String(v)));
      })
      .join(','),
  );
  return `\uFEFF${[header, ...lines].join('\r\n')}\r\n`;
}
