import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** Leader case ownership (领导包案): `_id` is the petition id, so a case has one owning leader at a time. */
@Schema({ collection: 'routing_leader_cases', versionKey: false })
export class LeaderCaseDocument {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true })
  caseNumber!: string;

  /** The leader's staff id (token subject) and name: staff, not petitioners. */
  @Prop({ required: true })
  leaderId!: string;

  @Prop({ required: true })
  leaderName!: string;

  @Prop({ required: true })
  note!: string;

  @Prop({ required: true })
  ownedAt!: Date;

  @Prop({ required: true })
  assignedBy!: string;
}

export const LeaderCaseSchema = SchemaFactory.createForClass(LeaderCaseDocument);
LeaderCaseSchema.index({ leaderId: 1, ownedAt: -1 });
LeaderCaseSchema.index({ ownedAt: -1 });

/** A leader's reception day (领导接访): when and where, the petitions received that day, the follow-up. */
@Schema({ collection: 'routing_reception_days', versionKey: false })
export class ReceptionDayDocument {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true })
  leaderId!: string;

  @Prop({ required: true })
  leaderName!: string;

  /** The Beijing date, YYYY-MM-DD. */
  @Prop({ required: true })
  date!: string;

  @Prop({ required: true })
  place!: string;

  @Prop({ required: true })
  topic!: string;

  @Prop({ type: [{ petitionId: String, caseNumber: String, linkedAt: Date, _id: false }], default: [] })
  petitions!: Array<{ petitionId: string; caseNumber: string; linkedAt: Date }>;

  @Prop({ type: [{ at: Date, by: String, note: String, _id: false }], default: [] })
  followUps!: Array<{ at: Date; by: string; note: string }>;

  @Prop({ required: true })
  createdAt!: Date;
}

export const ReceptionDaySchema = SchemaFactory.createForClass(ReceptionDayDocument);
ReceptionDaySchema.index({ date: 1, _id: 1 });
