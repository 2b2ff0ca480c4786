import { toCsv, type ReportTable } from './table';

describe('CSV export', () => {
  const table: ReportTable = {
    name: 't',
    columns: [
      { key: 'unit', header: '单位' },
      { key: 'amount', header: '金额（元）', money: true },
    ],
    rows: [
      { unit: 'LABOUR', amount: 386_000 },
      { unit: 'a, "quoted" name', amount: 5 },
      { unit: '=HYPERLINK("x")', amount: null },
    ],
  };

  it('writes money in yuan exactly, quotes what needs quoting and defuses formulas', () => {
    expect(toCsv(table)).toBe('\uFEFF单位,金额（元）\r\nLABOUR,3860.00\r\n"a, ""quoted"" name",0.05\r\n"\'=HYPERLINK(""x"")",\r\n');
  });
});
