import { METRICS, type Counts, type Rates } from './rates';

/** A statistics answer as a table (one row per value of the dimension): counters, then rates. */
export interface StatisticsTable {
  name: string;
  columns: string[];
  rows: Array<Array<string | number | null>>;
}

const RATE_COLUMNS = [
  'acceptedOnTimeRate',
  'collectiveShare',
  'abnormalShare',
  'repeatShare',
  'escalatedShare',
  'backlogShare',
  'closureRate',
  'resolutionRate',
  'cessationRate',
  'satisfactionRate',
  'onTimeHandlingRate',
] as const;

export function statisticsTable(view: {
  from: string;
  to: string;
  dimension: string;
  rows: Array<{ value: string; counts: Counts; rates: Rates }>;
}): StatisticsTable {
  return {
    name: `statistics-${view.dimension}-${view.from}-${view.to}`,
    columns: [view.dimension, ...METRICS, ...RATE_COLUMNS],
    rows: view.rows.map((r) => [r.value, ...METRICS.map((m) => r.counts[m] ?? 0), ...RATE_COLUMNS.map((k) => r.rates[k] ?? null)]),
  };
}

/** RFC 4180 CSV; a cell that a spreadsheet would run as a formula is prefixed with `'`. */
export function toCsv(table: StatisticsTable): string {
  const cell = (v: string | number | null): string => {
    if (v === null) return '';
    let s = String(v);
    if (/^[=+\-@]/.test(s) && typeof v === 'string') s = `'${s}`;
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [table.columns, ...table.rows].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}
