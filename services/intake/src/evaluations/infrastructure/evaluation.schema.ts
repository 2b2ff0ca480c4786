import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { outboxPlugin, type OutboxEntry } from '@pdmc/persistence';
import {
  EVALUATED_DECISION_KINDS,
  SATISFACTION_RATINGS,
  WORK_UNITS,
  type EvaluatedDecisionKind,
  type SatisfactionRating,
  type WorkUnit,
} from '@pdmc/contracts';

/**
 * A petitioner's evaluation of one decision. No personal data: the petitioner is known only
 * through the petition id. The unique index on `decisionId` keeps it to one per decision, also
 * when two submissions race; the `intake.evaluation.submitted.v1` event is stored in the same
 * document's outbox.
 */
@Schema({ collection: 'evaluations', versionKey: false })
export class EvaluationDocument {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true, unique: true })
  decisionId!: string;

  @Prop({ type: String, required: true, enum: EVALUATED_DECISION_KINDS })
  decisionKind!: EvaluatedDecisionKind;

  @Prop({ required: true })
  petitionId!: string;

  @Prop({ required: true })
  caseNumber!: string;

  /** The unit and body that made a handling decision; absent for an acceptance decision. */
  @Prop({ type: String, enum: WORK_UNITS })
  workUnit?: WorkUnit;

  @Prop()
  responsibleBody?: string;

  @Prop({ type: String, required: true, enum: SATISFACTION_RATINGS })
  bureau!: SatisfactionRating;

  @Prop({ type: String, enum: SATISFACTION_RATINGS })
  unit?: SatisfactionRating;

  @Prop({ required: true })
  decidedAt!: Date;

  @Prop({ required: true })
  submittedAt!: Date;

  outbox!: OutboxEntry[];
}

export const EvaluationSchema = SchemaFactory.createForClass(EvaluationDocument);
EvaluationSchema.plugin(outboxPlugin);
EvaluationSchema.index({ submittedAt: -1 });
EvaluationSchema.index({ workUnit: 1, submittedAt: -1 });
EvaluationSchema.index({ petitionId: 1 });
