import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';
import { FUND_IDS, type FundId } from '@pdmc/contracts';
import { APPROVAL_LEVELS, type ApprovalLevel } from '../../ledger/domain/fund-catalogue';

const TierSchema = new MongooseSchema(
  { upToFen: { type: Number, default: null }, levels: { type: [String], enum: APPROVAL_LEVELS, required: true } },
  { _id: false, versionKey: false },
);

/**
 * One saved version of a fund's approval chain (`<fundId>:<version>`), never changed after. The
 * catalogue's chain is version 1 and is not stored; saves start at 2. The id makes two saves on
 * the same base collide: one wins, the other is told to read again.
 */
@Schema({ collection: 'approval_chains', versionKey: false })
export class ApprovalChainDocument {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String, required: true, enum: FUND_IDS })
  fundId!: FundId;

  @Prop({ type: Number, required: true })
  version!: number;

  @Prop({ type: [TierSchema], required: true })
  tiers!: Array<{ upToFen: number | null; levels: ApprovalLevel[] }>;

  @Prop({ type: String, default: null })
  note!: string | null;

  @Prop({ type: String, required: true })
  savedBy!: string;

  @Prop({ type: Date, required: true })
  savedAt!: Date;
}

export const ApprovalChainSchema = SchemaFactory.createForClass(ApprovalChainDocument);
// The current version is a fund's highest; the list reads a fund's versions newest first.
ApprovalChainSchema.index({ fundId: 1, version: -1 });
