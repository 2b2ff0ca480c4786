import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * One per petition (`_id` is then the petition id; the latest choice replaces the earlier one)
 * or per imported row (`_id` from a hash of its words and classes, so a re-import adds nothing).
 * The words are stored with personal data removed (domain/personal-data-redaction.ts).
 */
@Schema({ collection: 'training_examples', versionKey: false, timestamps: false })
export class TrainingExampleDocument {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String })
  petitionId?: string;

  @Prop({ type: String, required: true })
  source!: string;

  @Prop({ type: String, required: true })
  subject!: string;

  @Prop({ type: String, default: '' })
  description!: string;

  @Prop({ type: String, required: true })
  level1!: string;

  @Prop({ type: String })
  level2?: string;

  @Prop({ type: String })
  level3?: string;

  @Prop({ type: Number })
  categoryId?: number;

  @Prop({ required: true })
  at!: Date;

  @Prop({ type: String, required: true })
  recordedBy!: string;
}

export const TrainingExampleSchema = SchemaFactory.createForClass(TrainingExampleDocument);
TrainingExampleSchema.index({ at: -1 });
