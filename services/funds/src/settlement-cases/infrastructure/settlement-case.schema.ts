import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { WORK_UNITS, type WorkUnit } from '@pdmc/contracts';

/**
 * Funds' own copy of the cases a settlement may be paid for, kept from handling's events so
 * that funds never reads handling's collections. `_id` is the case id.
 */
@Schema({ collection: 'settlement_cases', versionKey: 'version' })
export class SettlementCaseDocument {
  @Prop({ type: String, required: true })
  _id!: string;

  /** Not unique: a petition may one day have a second case (e.g. reopened after review). */
  @Prop({ required: true, index: true })
  petitionId!: string;

  @Prop({ required: true })
  caseNumber!: string;

  @Prop({ type: String, required: true, enum: WORK_UNITS })
  workUnit!: WorkUnit;

  /** Absent only while handling's termination arrived before its opening (events may overtake each other). */
  @Prop({ type: Date })
  openedAt?: Date;

  /** `terminated` once handling announced the case ended for good (终结); the fund's case rule decides what that refuses. */
  @Prop({ type: String, required: true, enum: ['open', 'terminated'], default: 'open' })
  status!: 'open' | 'terminated';

  @Prop({ type: Date })
  terminatedAt?: Date;
}

export const SettlementCaseSchema = SchemaFactory.createForClass(SettlementCaseDocument);
