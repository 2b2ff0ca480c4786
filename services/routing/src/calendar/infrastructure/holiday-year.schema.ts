import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { outboxPlugin, type OutboxEntry } from '@pdmc/persistence';

/** One year of the working-day calendar: `_id` is the year. Replaced whole, announced through the outbox. */
@Schema({ collection: 'routing_holiday_years', versionKey: false })
export class HolidayYearDocument {
  @Prop({ type: Number, required: true })
  _id!: number;

  @Prop({ type: [{ date: String, name: String, _id: false }], default: [] })
  holidays!: Array<{ date: string; name: string }>;

  @Prop({ type: [{ date: String, name: String, _id: false }], default: [] })
  workdays!: Array<{ date: string; name: string }>;

  @Prop({ required: true })
  source!: string;

  @Prop({ required: true, default: false })
  provisional!: boolean;

  /** 1 for the shipped data; each replacement adds one. */
  @Prop({ required: true })
  revision!: number;

  @Prop({ required: true })
  changedAt!: Date;

  @Prop({ required: true })
  changedBy!: string;

  outbox!: OutboxEntry[];
}

export const HolidayYearSchema = SchemaFactory.createForClass(HolidayYearDocument);
HolidayYearSchema.plugin(outboxPlugin);
