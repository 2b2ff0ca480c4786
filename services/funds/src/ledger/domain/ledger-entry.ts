import type { FundId, WorkUnit } from '@pdmc/contracts';
import type { Deltas } from './balance';

/** Every kind of money movement; each is one append-only ledger entry. */
export const LEDGER_KINDS = [
  'budget',
  'contribution',
  'contribution_reversal',
  'carry_over_out',
  'carry_over_in',
  'reservation',
  'release',
  'disbursement',
  'disbursement_reversal',
] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

/**
 * One movement of money. The id is deterministic (derived from what caused it), so writing the
 * same movement twice stores it once. Entries are never changed or deleted: a mistake is
 * corrected by a further entry that reverses it (`reverses`).
 */
export interface LedgerEntry {
  id: string;
  fundYearId: string;
  fundId: FundId;
  fiscalYear: number;
  kind: LedgerKind;
  amountFen: number;
  deltas: Deltas;
  applicationId?: string;
  caseId?: string;
  workUnit?: WorkUnit;
  disbursementId?: string;
  reverses?: string;
  /** Contributions: who paid in, and the voucher (凭证号) that identifies the payment. */
  source?: string;
  reference?: string;
  note?: string;
  by: string;
  at: Date;
}

export const fundYearIdOf = (fundId: FundId, fiscalYear: number): string => `${fundId}:${fiscalYear}`;
