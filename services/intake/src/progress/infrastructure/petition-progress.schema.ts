import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';
import { HANDLING_OUTCOMES, WORK_UNITS, type WorkUnit } from '@pdmc/contracts';
import type { CaseEnding, DecisionService, HandlingDecision, HandlingExtension, ReviewStage } from '../domain/progress';

const reviewStageSchema = new MongooseSchema<ReviewStage>(
  { requestedAt: Date, dueAt: Date, outcome: String, decidedAt: Date },
  { _id: false },
);
const decisionServiceSchema = new MongooseSchema<DecisionService>(
  { decisionId: { type: String, required: true }, servedAt: { type: Date, required: true }, reviewRequestDueAt: { type: Date, required: true } },
  { _id: false },
);
const caseEndingSchema = new MongooseSchema<CaseEnding>({ ceasedAt: Date, terminatedAt: Date, ground: String }, { _id: false });

const handlingExtensionSchema = new MongooseSchema<HandlingExtension>(
  {
    extensionId: { type: String, required: true },
    days: { type: Number, required: true },
    reason: { type: String, required: true },
    previousDueAt: { type: Date, required: true },
    dueAt: { type: Date, required: true },
    grantedAt: { type: Date, required: true },
  },
  { _id: false },
);

const handlingDecisionSchema = new MongooseSchema<HandlingDecision>(
  {
    decisionId: { type: String, required: true },
    caseId: { type: String, required: true },
    outcome: { type: String, required: true, enum: HANDLING_OUTCOMES },
    decidedAt: { type: Date, required: true },
    reviewRequestDueAt: { type: Date, required: true },
    workUnit: { type: String, required: true, enum: WORK_UNITS },
    responsibleBody: { type: String, required: true },
  },
  { _id: false },
);

/**
 * The read model behind the petitioner's progress look-up, one per petition (`_id` = petition
 * id), fed by routing's and handling's events in whatever order they arrive. Ids, codes and
 * dates only: no personal data, no staff names, no notes.
 */
@Schema({ collection: 'petition_progress', versionKey: false })
export class PetitionProgressDocument {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop()
  caseNumber?: string;

  @Prop({ type: String, enum: WORK_UNITS })
  workUnit?: WorkUnit;

  @Prop()
  responsibleBody?: string;

  /** When routing decided (the routed event's `occurredAt`); a later routing wins. */
  @Prop()
  routedAt?: Date;

  @Prop()
  caseId?: string;

  @Prop()
  openedAt?: Date;

  @Prop()
  handlingDueAt?: Date;

  @Prop({ type: [handlingDecisionSchema], default: [] })
  decisions!: HandlingDecision[];

  /** The granted extension of the handling limit (one per case, art. 34). */
  @Prop({ type: handlingExtensionSchema, default: undefined })
  extension?: HandlingExtension;

  /** The decision's service, review, re-examination and the end of the case, as the petitioner may follow them. */
  @Prop({ type: decisionServiceSchema, default: undefined })
  service?: DecisionService;

  @Prop({ type: reviewStageSchema, default: undefined })
  review?: ReviewStage;

  @Prop({ type: reviewStageSchema, default: undefined })
  reexamination?: ReviewStage;

  @Prop({ type: caseEndingSchema, default: undefined })
  ending?: CaseEnding;

  @Prop({ required: true })
  updatedAt!: Date;
}

export const PetitionProgressSchema = SchemaFactory.createForClass(PetitionProgressDocument);
