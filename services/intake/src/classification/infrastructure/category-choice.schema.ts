import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** One per petition when `petitionId` is known (`_id` is then the petition id), so a retry records once. */
@Schema({ collection: 'category_choices', versionKey: false, timestamps: false })
export class CategoryChoiceDocument {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String })
  petitionId?: string;

  @Prop({ type: [Number], required: true })
  suggestionIds!: number[];

  @Prop({ type: Number })
  topSuggestionId?: number;

  @Prop({ required: true })
  chosenId!: number;

  @Prop({ required: true })
  accepted!: boolean;

  @Prop({ type: Number })
  chosenRank?: number;

  @Prop({ required: true })
  rulesVersion!: string;

  @Prop({ required: true })
  at!: Date;

  @Prop({ required: true })
  clerk!: string;

  @Prop({ type: String })
  modelVersion?: string;

  @Prop({ type: String })
  policy?: string;

  @Prop({ type: Number })
  rulesRank?: number;

  @Prop({ type: Number })
  modelRank?: number;
}

export const CategoryChoiceSchema = SchemaFactory.createForClass(CategoryChoiceDocument);
CategoryChoiceSchema.index({ at: -1 });
CategoryChoiceSchema.index({ rulesVersion: 1, at: -1 });
CategoryChoiceSchema.index({ modelVersion: 1, at: -1 });
