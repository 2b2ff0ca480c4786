import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { RiskLevel, WatchReason } from '../domain/watch-item';

/** `_id` is the petition id: one watch item per petition, however often the event arrives. */
@Schema({ collection: 'watch_items', versionKey: 'version' })
export class WatchItemDocument {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true })
  caseNumber!: string;

  @Prop({ required: true })
  townCode!: string;

  @Prop({ required: true })
  headcount!: number;

  @Prop({ type: [String], required: true })
  reasons!: WatchReason[];

  @Prop({ type: String, required: true })
  riskLevel!: RiskLevel;

  @Prop({ required: true })
  receivedAt!: Date;

  @Prop({ required: true })
  createdAt!: Date;
}

export const WatchItemSchema = SchemaFactory.createForClass(WatchItemDocument);
WatchItemSchema.index({ riskLevel: 1, createdAt: -1 });
