import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';

/**
 * A trained model version: how it was measured and which policy serves with it. Written after
 * its parts, so a version that can be read is complete. `_id` is `m<seq>`; a unique `seq` lets
 * only one of several instances training at once publish a number.
 */
@Schema({ collection: 'suggestion_models', versionKey: false, timestamps: false })
export class SuggestionModelDocument {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: Number, required: true })
  seq!: number;

  @Prop({ required: true })
  trainedAt!: Date;

  @Prop({ type: String, required: true })
  rulesVersion!: string;

  @Prop({ type: Number, required: true })
  trainingSize!: number;

  @Prop({ type: Number, required: true })
  heldOutSize!: number;

  /** The newest example learned from: a model is stale once a newer one is stored. */
  @Prop({ type: Date })
  examplesUpTo?: Date;

  /** ModelReport (domain/selection.ts), dates as ISO text. */
  @Prop({ type: MongooseSchema.Types.Mixed, required: true })
  report!: Record<string, unknown>;

  /** Prefix of this version's part ids: `<partsKey>:<index>`. */
  @Prop({ type: String, required: true })
  partsKey!: string;

  @Prop({ type: Number, required: true })
  parts!: number;

  @Prop({ type: Number, required: true })
  bytes!: number;
}

export const SuggestionModelSchema = SchemaFactory.createForClass(SuggestionModelDocument);
SuggestionModelSchema.index({ seq: -1 }, { unique: true });

/** A chunk of a model's gzipped classifiers, `_id` `<partsKey>:<index>`; chunks keep documents small. */
@Schema({ collection: 'suggestion_model_parts', versionKey: false, timestamps: false })
export class SuggestionModelPartDocument {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String, required: true })
  data!: string;
}

export const SuggestionModelPartSchema = SchemaFactory.createForClass(SuggestionModelPartDocument);
