import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { WORK_UNITS, type EscalationGround, type WorkUnit } from '@pdmc/contracts';
import { outboxPlugin, type OutboxEntry } from '@pdmc/persistence';
import type { OrderState } from '../domain/supervision-order';

/**
 * A supervision order (督办单). Each change is one conditional write on `state` and `revision`
 * with its event in `outbox`. `escalateAt` is the reply deadline while the order waits for a
 * reply (null otherwise), indexed: the deadline scan escalates unanswered orders through it.
 */
@Schema({ collection: 'supervision_orders', versionKey: false })
export class SupervisionOrderDocument {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true })
  petitionId!: string;

  @Prop({ required: true })
  caseNumber!: string;

  @Prop({ type: String, enum: WORK_UNITS, required: true })
  workUnit!: WorkUnit;

  @Prop({ required: true })
  reason!: string;

  @Prop({ required: true })
  issuedBy!: string;

  @Prop({ required: true })
  issuedAt!: Date;

  @Prop({ required: true })
  replyDueAt!: Date;

  @Prop({ type: String, enum: ['issued', 'replied', 'escalated'], required: true })
  state!: OrderState;

  @Prop({ type: Date, default: null })
  escalateAt!: Date | null;

  @Prop({ type: { text: String, by: String, at: Date, late: Boolean, _id: false }, default: null })
  reply!: { text: string; by: string; at: Date; late: boolean } | null;

  @Prop({ type: { ground: String, leaderId: String, leaderName: String, by: String, at: Date, _id: false }, default: null })
  escalation!: { ground: EscalationGround; leaderId?: string | null; leaderName?: string | null; by: string; at: Date } | null;

  @Prop({ required: true, default: 1 })
  revision!: number;

  outbox!: OutboxEntry[];
}

export const SupervisionOrderSchema = SchemaFactory.createForClass(SupervisionOrderDocument);
SupervisionOrderSchema.plugin(outboxPlugin);
SupervisionOrderSchema.index({ escalateAt: 1 });
SupervisionOrderSchema.index({ state: 1, issuedAt: -1 });
SupervisionOrderSchema.index({ workUnit: 1, issuedAt: -1 });
SupervisionOrderSchema.index({ workUnit: 1, state: 1, issuedAt: -1 });
SupervisionOrderSchema.index({ petitionId: 1 });
