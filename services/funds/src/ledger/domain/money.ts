/**
 * Money is integer fen (分), never floating point. 1 billion yuan (1e11 fen) is far above any
 * budget of a district centre and far below 2^53, so sums of amounts stay exact in a double.
 */
export const MAX_AMOUNT_FEN = 100_000_000_000;

/** A positive whole number of fen within {@link MAX_AMOUNT_FEN}. */
export function isAmountFen(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 && value <= MAX_AMOUNT_FEN;
}

/** Fen as yuan with two decimals (`123456` → `"1234.56"`), for reports; exact, no float division. */
export function fenToYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Yuan as fen, for configuration written in yuan. */
export const yuan = (amount: number): number => amount * 100;
