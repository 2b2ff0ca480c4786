import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';
import type { RoutingRule } from '../domain/routing-rule';

/**
 * One version of the routing rule set: `_id` is the version number, so two administrators
 * saving on the same version cannot both create the next one. Versions are never changed.
 */
@Schema({ collection: 'routing_rule_sets', versionKey: false })
export class RuleSetDocument {
  @Prop({ type: Number, required: true })
  _id!: number;

  @Prop({ type: [MongooseSchema.Types.Mixed], required: true })
  rules!: RoutingRule[];

  @Prop({ required: true })
  note!: string;

  @Prop({ required: true })
  savedAt!: Date;

  @Prop({ required: true })
  savedBy!: string;
}

export const RuleSetSchema = SchemaFactory.createForClass(RuleSetDocument);
