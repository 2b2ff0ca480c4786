import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { outboxPlugin, type OutboxEntry } from '@pdmc/persistence';
import { HANDLING_OUTCOMES, WORK_UNITS, type HandlingOutcome, type WorkUnit } from '@pdmc/contracts';
import { CASE_STATUSES, type CaseStatus } from '../domain/case';

/** The written handling decision, stored in its case (one per case). */
@Schema({ _id: false, versionKey: false })
export class CaseDecisionRecord {
  @Prop({ type: String, required: true })
  id!: string;

  @Prop({ type: String, required: true, enum: HANDLING_OUTCOMES })
  outcome!: HandlingOutcome;

  @Prop({ type: String, required: true })
  request!: string;

  @Prop({ type: String, required: true })
  facts!: string;

  @Prop({ type: String, required: true })
  legalBasis!: string;

  @Prop({ type: Boolean, required: true })
  mediationAgreement!: boolean;

  @Prop({ type: Date, required: true })
  decidedAt!: Date;

  @Prop({ type: String, required: true })
  decidedBy!: string;

  @Prop({ type: Date, required: true })
  reviewRequestDueAt!: Date;
}

const CaseDecisionSchema = SchemaFactory.createForClass(CaseDecisionRecord);

@Schema({ collection: 'cases', versionKey: 'version' })
export class CaseDocument {
  @Prop({ type: String, required: true })
  _id!: string;

  /** One case per petition: the unique index makes a redelivered routing event harmless. */
  @Prop({ required: true, unique: true })
  petitionId!: string;

  @Prop({ required: true })
  caseNumber!: string;

  @Prop({ type: String, required: true, enum: WORK_UNITS })
  workUnit!: WorkUnit;

  @Prop({ required: true })
  responsibleBody!: string;

  @Prop({ type: String, required: true, enum: CASE_STATUSES })
  status!: CaseStatus;

  @Prop({ required: true })
  openedAt!: Date;

  @Prop({ required: true })
  dueAt!: Date;

  @Prop({ required: true })
  sourceEventId!: string;

  /** Set once, together with `status: 'decided'`, by the conditional update that decides the case. */
  @Prop({ type: CaseDecisionSchema, required: false })
  decision?: CaseDecisionRecord;

  outbox!: OutboxEntry[];
}

export const CaseSchema = SchemaFactory.createForClass(CaseDocument);
CaseSchema.plugin(outboxPlugin);
CaseSchema.index({ workUnit: 1, status: 1, dueAt: 1 });
