import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { FUND_IDS, WORK_UNITS, type FundId, type WorkUnit } from '@pdmc/contracts';
import { LEDGER_KINDS, type LedgerKind } from '../domain/ledger-entry';
import type { Deltas } from '../domain/balance';

/** Append-only: the code inserts entries and never updates or deletes one. `_id` is the entry's deterministic id. */
@Schema({ collection: 'ledger_entries', versionKey: false })
export class LedgerEntryDocument {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String, required: true })
  fundYearId!: string;

  @Prop({ type: String, required: true, enum: FUND_IDS })
  fundId!: FundId;

  @Prop({ type: Number, required: true })
  fiscalYear!: number;

  @Prop({ type: String, required: true, enum: LEDGER_KINDS })
  kind!: LedgerKind;

  @Prop({ type: Number, required: true })
  amountFen!: number;

  @Prop({ type: Object, required: true })
  deltas!: Deltas;

  @Prop({ type: String })
  applicationId?: string;

  @Prop({ type: String })
  caseId?: string;

  @Prop({ type: String, enum: WORK_UNITS })
  workUnit?: WorkUnit;

  @Prop({ type: String })
  disbursementId?: string;

  @Prop({ type: String })
  reverses?: string;

  @Prop({ type: String })
  source?: string;

  @Prop({ type: String })
  reference?: string;

  @Prop({ type: String })
  note?: string;

  @Prop({ type: String, required: true })
  by!: string;

  @Prop({ type: Date, required: true })
  at!: Date;
}

export const LedgerEntrySchema = SchemaFactory.createForClass(LedgerEntryDocument);
LedgerEntrySchema.index({ fundYearId: 1, at: 1 });
LedgerEntrySchema.index({ applicationId: 1, at: 1 });
LedgerEntrySchema.index({ caseId: 1, at: 1 });
LedgerEntrySchema.index({ workUnit: 1, at: 1 });
