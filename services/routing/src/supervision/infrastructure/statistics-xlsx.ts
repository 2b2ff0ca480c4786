import ExcelJS from 'exceljs';
import type { StatisticsTable } from '../domain/statistics-table';

/** The statistics table as an Excel workbook: one sheet, a bold header row, rates as percentages. */
export async function statisticsXlsx(table: StatisticsTable): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'pdmc supervision';
  const sheet = workbook.addWorksheet(table.name.slice(0, 31));
  sheet.columns = table.columns.map((header) => ({ header, key: header, width: Math.max(10, header.length + 2), ...(/Rate$|Share$/.test(header) ? { style: { numFmt: '0.00%' } } : {}) }));
  sheet.getRow(1).font = { bold: true };
  for (const row of table.rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
