import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { outboxPlugin, type OutboxEntry } from '@pdmc/persistence';
import { WORK_UNITS, type WorkUnit } from '@pdmc/contracts';
import type { CaseStatus } from '../domain/case';

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

  @Prop({ type: String, required: true })
  status!: CaseStatus;

  @Prop({ required: true })
  openedAt!: Date;

  @Prop({ required: true })
  dueAt!: Date;

  @Prop({ required: true })
  sourceEventId!: string;

  outbox!: OutboxEntry[];
}

export const CaseSchema = SchemaFactory.createForClass(CaseDocument);
CaseSchema.plugin(outboxPlugin);
CaseSchema.index({ workUnit: 1, status: 1, dueAt: 1 });
