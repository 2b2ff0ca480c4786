import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';
import { APPLICATION_KINDS, FUND_IDS, type ApplicationKind, type FundId } from '@pdmc/contracts';

const opt = { _id: false, versionKey: false } as const;

const TrancheSchema = new MongooseSchema(
  { disbursementId: { type: String, required: true }, amountFen: { type: Number, required: true }, paidAt: { type: Date, required: true } },
  opt,
);
const ReversalSchema = new MongooseSchema(
  { disbursementId: { type: String, required: true }, amountFen: { type: Number, required: true }, reversedAt: { type: Date, required: true } },
  opt,
);

/**
 * What funds announced about one application for a case (its id is the application's): the
 * amounts, the approval or rejection, each tranche and each reversal. Built from events only.
 */
@Schema({ collection: 'case_settlements', versionKey: false })
export class CaseSettlementDocument {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String, required: true })
  caseId!: string;

  @Prop({ type: String, required: true, enum: FUND_IDS })
  fundId!: FundId;

  @Prop({ type: Number, required: true })
  fiscalYear!: number;

  @Prop({ type: String, required: true, enum: APPLICATION_KINDS })
  kind!: ApplicationKind;

  @Prop({ type: Number, default: 0 })
  amountFen!: number;

  @Prop({ type: Date, default: null })
  submittedAt!: Date | null;

  @Prop({ type: Date, default: null })
  approvedAt!: Date | null;

  @Prop({ type: Date, default: null })
  rejectedAt!: Date | null;

  @Prop({ type: Date, default: null })
  withdrawnAt!: Date | null;

  @Prop({ type: Date, default: null })
  cancelledAt!: Date | null;

  @Prop({ type: [TrancheSchema], default: [] })
  tranches!: Array<{ disbursementId: string; amountFen: number; paidAt: Date }>;

  @Prop({ type: [ReversalSchema], default: [] })
  reversals!: Array<{ disbursementId: string; amountFen: number; reversedAt: Date }>;
}

export const CaseSettlementSchema = SchemaFactory.createForClass(CaseSettlementDocument);
// The case view reads a case's settlements.
CaseSettlementSchema.index({ caseId: 1, _id: 1 });
