import type { ApplicationKind, FundId } from '@pdmc/contracts';

/** What funds announced about one application for a case, as handling keeps it. */
export interface SettlementFacts {
  applicationId: string;
  fundId: FundId;
  fiscalYear: number;
  kind: ApplicationKind;
  /** The amount asked for at the last submission, or approved. */
  amountFen: number;
  submittedAt: Date | null;
  approvedAt: Date | null;
  rejectedAt: Date | null;
  /** Withdrawn by the applicant before the final approval. */
  withdrawnAt: Date | null;
  /** Cancelled after approval: what was still reserved went back to the fund. */
  cancelledAt: Date | null;
  tranches: Array<{ disbursementId: string; amountFen: number; paidAt: Date }>;
  reversals: Array<{ disbursementId: string; amountFen: number; reversedAt: Date }>;
}

export const SETTLEMENT_STATUSES = ['in_approval', 'approved', 'rejected', 'withdrawn', 'paid', 'cancelled'] as const;
export type SettlementStatus = (typeof SETTLEMENT_STATUSES)[number];

/** A settlement on the case view: the money asked for and approved, each tranche paid, each reversal. */
export interface Settlement {
  applicationId: string;
  fundId: FundId;
  fiscalYear: number;
  kind: ApplicationKind;
  status: SettlementStatus;
  amountFen: number;
  approvedFen: number | null;
  disbursedFen: number;
  submittedAt: Date | null;
  approvedAt: Date | null;
  rejectedAt: Date | null;
  withdrawnAt: Date | null;
  cancelledAt: Date | null;
  tranches: Array<{ disbursementId: string; amountFen: number; paidAt: Date; reversedAt: Date | null }>;
}

/**
 * The settlement as it stands, whatever order funds' events arrived in (each subject has its
 * own consumer): approval, rejection or withdrawal outranks a submission, a cancellation outranks
 * the approval, a reversal cancels its tranche, and "paid" means the tranches still standing cover
 * the approved amount.
 */
export function toSettlement(f: SettlementFacts): Settlement {
  const reversed = new Map(f.reversals.map((r) => [r.disbursementId, r.reversedAt]));
  const tranches = [...f.tranches]
    .sort((a, b) => a.paidAt.getTime() - b.paidAt.getTime())
    .map((t) => ({ disbursementId: t.disbursementId, amountFen: t.amountFen, paidAt: t.paidAt, reversedAt: reversed.get(t.disbursementId) ?? null }));
  const disbursedFen = tranches.filter((t) => t.reversedAt === null).reduce((sum, t) => sum + t.amountFen, 0);
  const approved = f.approvedAt !== null || tranches.length > 0;
  const paidInFull = disbursedFen >= f.amountFen && disbursedFen > 0;
  const status: SettlementStatus = approved
    ? f.cancelledAt !== null
      ? 'cancelled'
      : paidInFull
        ? 'paid'
        : 'approved'
    : f.rejectedAt !== null
      ? 'rejected'
      : f.withdrawnAt !== null
        ? 'withdrawn'
        : 'in_approval';
  return {
    applicationId: f.applicationId,
    fundId: f.fundId,
    fiscalYear: f.fiscalYear,
    kind: f.kind,
    status,
    amountFen: f.amountFen,
    approvedFen: approved ? f.amountFen : null,
    disbursedFen,
    submittedAt: f.submittedAt,
    approvedAt: f.approvedAt,
    rejectedAt: f.rejectedAt,
    withdrawnAt: f.withdrawnAt,
    cancelledAt: f.cancelledAt,
    tranches,
  };
}
