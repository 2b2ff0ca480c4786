import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { APPLICATION_KINDS, FUND_IDS, WORK_UNITS, type ApplicationKind, type FundId, type WorkUnit } from '@pdmc/contracts';
import { outboxPlugin, type OutboxEntry } from '@pdmc/persistence';
import { APPROVAL_LEVELS, type ApprovalLevel } from '../../ledger/domain/fund-catalogue';
import type { LedgerEntry } from '../../ledger/domain/ledger-entry';
import { APPLICATION_STATUSES, type ApplicationStatus, type ApprovalRecord } from '../domain/application';
import type { StoredBeneficiary } from '../domain/beneficiary';

/** Metadata of a supporting document (the file itself lives in the document system). */
export interface SupportingDocument {
  title: string;
  kind: string;
  pages?: number;
  reference?: string;
}

export interface Disbursement {
  id: string;
  amountFen: number;
  paidOn: string;
  voucher: string;
  method: string;
  by: string;
  at: Date;
}

export interface DisbursementReversal {
  disbursementId: string;
  amountFen: number;
  reason: string;
  by: string;
  at: Date;
}

/** One line of the application's audit trail: who did what, when. */
export interface HistoryEntry {
  at: Date;
  by: string;
  action: string;
  comment?: string;
  amountFen?: number;
  ledgerEntryId?: string;
}

/**
 * A money movement the application has decided on but not finished (the intent, written before
 * the balance changes): the ledger entry and everything the application records once the
 * balance took it. A retry or the repair pass finishes it from here, so a crash between the
 * balance and the application loses and doubles nothing.
 */
export interface PendingMovement {
  id: string;
  entry: LedgerEntry;
  since: Date;
  /** The status to go back to if the balance refuses the movement. */
  previousStatus: ApplicationStatus;
  after: {
    status: ApplicationStatus;
    currentLevel: ApprovalLevel | null;
    reservedDelta: number;
    disbursedDelta: number;
    approval?: ApprovalRecord;
    disbursement?: Disbursement;
    reversal?: DisbursementReversal;
    history: HistoryEntry;
    outbox: OutboxEntry[];
  };
}

@Schema({ collection: 'applications', versionKey: 'version' })
export class ApplicationDocument {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String, required: true, enum: FUND_IDS })
  fundId!: FundId;

  @Prop({ type: Number, required: true })
  fiscalYear!: number;

  @Prop({ type: String, required: true })
  fundYearId!: string;

  @Prop({ type: String, required: true, enum: APPLICATION_KINDS })
  kind!: ApplicationKind;

  @Prop({ type: String })
  caseId?: string;

  @Prop({ type: String })
  caseNumber?: string;

  @Prop({ type: String, required: true, enum: WORK_UNITS })
  workUnit!: WorkUnit;

  @Prop({ type: Number, required: true })
  amountFen!: number;

  @Prop({ type: String, required: true })
  purpose!: string;

  @Prop({ type: Object, required: true })
  beneficiary!: StoredBeneficiary;

  @Prop({ type: [Object], default: [] })
  documents!: SupportingDocument[];

  @Prop({ type: [String], required: true, enum: APPROVAL_LEVELS })
  chain!: ApprovalLevel[];

  /** The version of the fund's approval chain it was submitted under (1: the shipped chain); a revision keeps it. */
  @Prop({ type: Number, default: 1 })
  chainVersion?: number;

  @Prop({ type: Number, required: true })
  step!: number;

  @Prop({ type: Number, required: true })
  round!: number;

  @Prop({ type: String, required: true, enum: APPLICATION_STATUSES })
  status!: ApplicationStatus;

  /** The level the application waits for, null when it waits for nobody; the approvers' queues read it. */
  @Prop({ type: String, enum: [...APPROVAL_LEVELS, null], default: null })
  currentLevel!: ApprovalLevel | null;

  @Prop({ type: String, required: true })
  submittedBy!: string;

  @Prop({ type: Date, required: true })
  submittedAt!: Date;

  @Prop({ type: Date, required: true })
  updatedAt!: Date;

  @Prop({ type: [Object], default: [] })
  approvals!: ApprovalRecord[];

  @Prop({ type: [Object], default: [] })
  history!: HistoryEntry[];

  /** What is still reserved for this application in its fund year (approved minus paid and released). */
  @Prop({ type: Number, required: true, default: 0 })
  reservedFen!: number;

  @Prop({ type: Number, required: true, default: 0 })
  disbursedFen!: number;

  @Prop({ type: [Object], default: [] })
  disbursements!: Disbursement[];

  @Prop({ type: [Object], default: [] })
  reversals!: DisbursementReversal[];

  @Prop({ type: Object, default: null })
  pendingMovement!: PendingMovement | null;

  /** Mongoose's version key: every change is conditional on the version read before it. */
  version!: number;

  outbox?: OutboxEntry[];
}

export const ApplicationSchema = SchemaFactory.createForClass(ApplicationDocument);
ApplicationSchema.plugin(outboxPlugin);
// The approvers' queues: what waits at a level, oldest first (unit heads narrow it to their units).
ApplicationSchema.index({ currentLevel: 1, workUnit: 1, submittedAt: 1 });
ApplicationSchema.index({ fundId: 1, fiscalYear: 1, status: 1, submittedAt: -1 });
ApplicationSchema.index({ workUnit: 1, submittedAt: -1 });
ApplicationSchema.index({ caseId: 1, submittedAt: -1 });
ApplicationSchema.index({ fiscalYear: 1, workUnit: 1 });
ApplicationSchema.index({ submittedAt: -1 });
ApplicationSchema.index({ 'pendingMovement.since': 1 }, { sparse: true });
