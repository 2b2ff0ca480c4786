import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { outboxPlugin, type OutboxEntry } from '@pdmc/persistence';
import { WORK_UNITS, type WorkUnit } from '@pdmc/contracts';

/** One routing decision per petition: `_id` is the petition id, so a redelivery cannot decide twice. */
@Schema({ collection: 'routing_decisions', versionKey: 'version' })
export class RoutingDecisionDocument {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true })
  caseNumber!: string;

  @Prop({ required: true })
  categoryId!: number;

  @Prop({ required: true })
  townCode!: string;

  @Prop({ type: String, required: true, enum: WORK_UNITS })
  workUnit!: WorkUnit;

  @Prop({ required: true })
  responsibleBody!: string;

  @Prop({ required: true })
  ruleId!: string;

  @Prop({ required: true })
  reason!: string;

  @Prop({ required: true })
  decidedAt!: Date;

  @Prop({ required: true })
  sourceEventId!: string;

  outbox!: OutboxEntry[];
}

export const RoutingDecisionSchema = SchemaFactory.createForClass(RoutingDecisionDocument);
RoutingDecisionSchema.plugin(outboxPlugin);
RoutingDecisionSchema.index({ workUnit: 1, decidedAt: -1 });
