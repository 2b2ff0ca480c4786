import ExcelJS from 'exceljs';
import type { ReportTable } from '../domain/table';

/** The report as an Excel workbook: one sheet, a bold header row, money in yuan with two decimals. */
export async function toXlsx(table: ReportTable): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'pdmc funds';
  const sheet = workbook.addWorksheet(table.name.slice(0, 31));
  sheet.columns = table.columns.map((c) => ({ header: c.header, key: c.key, width: Math.max(12, c.header.length * 2 + 2), ...(c.money ? { style: { numFmt: '#,##0.00' } } : {}) }));
  sheet.getRow(1).font = { bold: true };
  for (const row of table.rows) {
    const cells: Record<string, string | number | null> = {};
    for (const c of table.columns) {
      const v = row[c.key] ?? null;
      // Fen are exact integers; the sheet shows yuan (a display value, two decimals).
      cells[c.key] = c.money && typeof v === 'number' ? v / 100 : v;
    }
    sheet.addRow(cells);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
