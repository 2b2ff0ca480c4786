import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { FUND_IDS, type FundId } from '@pdmc/contracts';
import type { LedgerEntry } from '../domain/ledger-entry';

/**
 * The stored balance of one fund's fiscal year (`_id` = `<fund>:<year>`): the one document every
 * movement of that year changes with a single conditional update. `availableFen` is stored, not
 * computed, so that "enough money left" is a plain filter (`availableFen >= amount`) that the
 * database checks in the same atomic step as the `$inc`.
 *
 * `pending` holds the entries applied here but not yet copied to the ledger (the ledger's
 * outbox): written in the same update as the `$inc`, copied, then pulled. `postedIds` remembers
 * every movement applied here forever, so that no retry, repair pass or second instance applies
 * one twice (a few thousand ids a year: far below the document size limit).
 */
@Schema({ collection: 'fund_years', versionKey: 'version' })
export class FundYearDocument {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String, required: true, enum: FUND_IDS })
  fundId!: FundId;

  @Prop({ type: Number, required: true })
  fiscalYear!: number;

  @Prop({ type: Number, required: true, default: 0 })
  budgetFen!: number;

  @Prop({ type: Number, required: true, default: 0 })
  contributionsFen!: number;

  @Prop({ type: Number, required: true, default: 0 })
  carriedInFen!: number;

  @Prop({ type: Number, required: true, default: 0 })
  carriedOutFen!: number;

  @Prop({ type: Number, required: true, default: 0 })
  reservedFen!: number;

  @Prop({ type: Number, required: true, default: 0 })
  disbursedFen!: number;

  @Prop({ type: Number, required: true, default: 0 })
  availableFen!: number;

  @Prop({ type: [Object], default: [] })
  pending!: LedgerEntry[];

  @Prop({ type: [String], default: [] })
  postedIds!: string[];

  @Prop({ type: Date, required: true })
  openedAt!: Date;
}

export const FundYearSchema = SchemaFactory.createForClass(FundYearDocument);
FundYearSchema.index({ fundId: 1, fiscalYear: 1 }, { unique: true });
FundYearSchema.index({ 'pending.id': 1 }, { sparse: true });
