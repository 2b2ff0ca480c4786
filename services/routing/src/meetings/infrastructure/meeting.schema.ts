import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { outboxPlugin, type OutboxEntry } from '@pdmc/persistence';
import { MEETING_STATUSES, type MeetingStatus, type MeetingTask } from '../domain/meeting';

/** A joint meeting (信访工作联席会议) on one or more cases; one document, one conditional write per step. */
@Schema({ collection: 'routing_meetings', versionKey: false })
export class MeetingDocument {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String, enum: MEETING_STATUSES, required: true })
  status!: MeetingStatus;

  @Prop({ type: [String], required: true })
  petitionIds!: string[];

  @Prop({ type: [String], required: true })
  caseNumbers!: string[];

  /** Why the desk proposed it (repeated returns), when it did. */
  @Prop({ type: String, default: null })
  proposedReason!: string | null;

  @Prop({ type: [{ code: String, name: String, _id: false }], default: [] })
  participants!: Array<{ code: string; name: string }>;

  @Prop({ type: String, default: null })
  agenda!: string | null;

  @Prop({ type: Date, default: null })
  scheduledAt!: Date | null;

  @Prop({ type: String, default: null })
  place!: string | null;

  @Prop({ type: String, default: null })
  convenedBy!: string | null;

  @Prop({ type: String, default: null })
  leadUnit!: string | null;

  @Prop({ type: [Object], default: [] })
  tasks!: MeetingTask[];

  @Prop({ type: String, default: null })
  minutes!: string | null;

  @Prop({ type: Date, default: null })
  concludedAt!: Date | null;

  @Prop({ type: String, default: null })
  concludedBy!: string | null;

  @Prop({ required: true })
  createdAt!: Date;

  @Prop({ required: true, default: 1 })
  revision!: number;

  outbox!: OutboxEntry[];
}

export const MeetingSchema = SchemaFactory.createForClass(MeetingDocument);
MeetingSchema.plugin(outboxPlugin);
MeetingSchema.index({ status: 1, createdAt: -1 });
MeetingSchema.index({ createdAt: -1 });
MeetingSchema.index({ petitionIds: 1 });
