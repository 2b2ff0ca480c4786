import type { ApplicationKind, FundId, WorkUnit } from '@pdmc/contracts';
import type { ApprovalLevel } from '../../ledger/domain/fund-catalogue';
import { allowedActions, type ApplicationStatus, type ApprovalRecord } from '../domain/application';
import type { Beneficiary } from '../domain/beneficiary';
import type { ApplicationDocument, SupportingDocument } from '../infrastructure/application.schema';

export interface DisbursementView {
  id: string;
  amountFen: number;
  paidOn: string;
  voucher: string;
  method: string;
  by: string;
  at: Date;
  reversed: boolean;
}

/** An application as staff see it: the beneficiary masked, amounts in fen. */
export interface ApplicationView {
  id: string;
  fundId: FundId;
  fiscalYear: number;
  kind: ApplicationKind;
  caseId: string | null;
  caseNumber: string | null;
  workUnit: WorkUnit;
  amountFen: number;
  purpose: string;
  beneficiary: Beneficiary;
  documents: SupportingDocument[];
  chain: ApprovalLevel[];
  /** The version of the fund's approval chain it runs under. */
  chainVersion: number;
  /** The level the application waits for, or null. */
  currentLevel: ApprovalLevel | null;
  round: number;
  status: ApplicationStatus;
  allowedActions: readonly string[];
  submittedBy: string;
  submittedAt: Date;
  updatedAt: Date;
  approvals: ApprovalRecord[];
  reservedFen: number;
  disbursedFen: number;
  disbursements: DisbursementView[];
  /** A money movement is being finished (after an interruption, the repair pass completes it). */
  movementInProgress: boolean;
}

export function toApplicationView(d: ApplicationDocument, beneficiary: Beneficiary): ApplicationView {
  const reversed = new Set(d.reversals.map((r) => r.disbursementId));
  return {
    id: d._id,
    fundId: d.fundId,
    fiscalYear: d.fiscalYear,
    kind: d.kind,
    caseId: d.caseId ?? null,
    caseNumber: d.caseNumber ?? null,
    workUnit: d.workUnit,
    amountFen: d.amountFen,
    purpose: d.purpose,
    beneficiary,
    documents: d.documents,
    chain: d.chain,
    chainVersion: d.chainVersion ?? 1,
    currentLevel: d.currentLevel ?? null,
    round: d.round,
    status: d.status,
    allowedActions: allowedActions(d.status),
    submittedBy: d.submittedBy,
    submittedAt: d.submittedAt,
    updatedAt: d.updatedAt,
    approvals: d.approvals.map((a) => ({ ...a })),
    reservedFen: d.reservedFen,
    disbursedFen: d.disbursedFen,
    disbursements: d.disbursements.map((x) => ({ ...x, reversed: reversed.has(x.id) })),
    movementInProgress: d.pendingMovement != null,
  };
}

/** The facts every funds event carries: ids and amounts, never the beneficiary. */
export function eventFacts(d: Pick<ApplicationDocument, '_id' | 'fundId' | 'fiscalYear' | 'kind' | 'caseId' | 'workUnit' | 'amountFen'>) {
  return {
    applicationId: d._id,
    fundId: d.fundId,
    fiscalYear: d.fiscalYear,
    kind: d.kind,
    ...(d.caseId ? { caseId: d.caseId } : {}),
    workUnit: d.workUnit,
    amountFen: d.amountFen,
  };
}
