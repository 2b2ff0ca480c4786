import type { ApplicationKind, FundId, WorkUnit } from '@pdmc/contracts';
import type { PageQuery } from '@pdmc/platform';
import type { ApplicationStatus, ApprovalDecision, CollectiveBody } from '../domain/application';

/*
 * What the use cases take. The HTTP DTOs in interface/ validate requests into these shapes;
 * the handlers depend on the shapes, never on the DTOs.
 */

export interface BeneficiaryInput {
  kind: 'person' | 'unit';
  name: string;
  idNumber?: string;
  phone?: string;
  address?: string;
  bankAccount?: string;
}

export interface SupportingDocumentInput {
  title: string;
  kind: string;
  pages?: number;
  reference?: string;
}

export interface SubmitApplicationCommand {
  fundId: FundId;
  fiscalYear?: number;
  kind: ApplicationKind;
  caseId?: string;
  workUnit?: WorkUnit;
  amountFen: number;
  purpose: string;
  beneficiary: BeneficiaryInput;
  documents?: SupportingDocumentInput[];
}

export interface CollectiveDecisionInput {
  body: CollectiveBody;
  reference: string;
  decidedOn: string;
}

export interface DecideStepCommand {
  decision: ApprovalDecision;
  comment: string;
  collective?: CollectiveDecisionInput;
}

export interface CommentCommand {
  comment: string;
}

export interface ReviseApplicationCommand extends CommentCommand {
  amountFen?: number;
  purpose?: string;
  documents?: SupportingDocumentInput[];
}

export interface RecordDisbursementCommand {
  amountFen: number;
  paidOn: string;
  voucher: string;
  method: string;
}

export interface ReverseDisbursementCommand {
  reason: string;
}

export interface ApplicationFilter extends PageQuery {
  fundId?: FundId;
  fiscalYear?: number;
  status?: ApplicationStatus;
  caseId?: string;
  workUnit?: WorkUnit;
}
