import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { outboxPlugin, type OutboxEntry } from '@pdmc/persistence';
import type {
  DispatchStatus,
  IncidentOutcome,
  IncidentSeverity,
  IncidentSource,
  IncidentType,
  ResponderUnit,
} from '@pdmc/contracts';
import type { TimelineAction } from '../domain/incident';

@Schema({ _id: false, versionKey: false })
export class DispatchDocument {
  @Prop({ type: String, required: true }) unit!: ResponderUnit;
  @Prop({ type: String, required: true }) status!: DispatchStatus;
  @Prop({ required: true }) dispatchedAt!: Date;
  @Prop({ required: true }) acknowledgeBy!: Date;
  @Prop({ type: Date, default: null }) acknowledgedAt!: Date | null;
  @Prop({ type: Date, default: null }) enRouteAt!: Date | null;
  @Prop({ type: Date, default: null }) onSceneAt!: Date | null;
  @Prop({ type: Date, default: null }) clearedAt!: Date | null;
  @Prop({ type: Date, default: null }) stoodDownAt!: Date | null;
  @Prop({ type: Date, default: null }) renotifiedAt!: Date | null;
}

@Schema({ _id: false, versionKey: false })
export class TimelineEntryDocument {
  @Prop({ required: true }) at!: Date;
  @Prop({ required: true }) by!: string;
  @Prop({ type: String, required: true }) action!: TimelineAction;
  @Prop({ type: String }) unit?: ResponderUnit;
  @Prop({ type: String }) note?: string;
}

@Schema({ _id: false, versionKey: false })
export class ClosingDocument {
  @Prop({ type: String, required: true }) outcome!: IncidentOutcome;
  @Prop({ required: true }) report!: string;
  @Prop({ required: true }) closedAt!: Date;
  @Prop({ required: true }) closedBy!: string;
}

/**
 * One document per incident: its dispatches, its append-only timeline (only ever `$push`ed)
 * and the outbox of its feed messages and events, all changed in one single-document write.
 * `nextAcknowledgementDueAt` is the escalation timer the pass finds by index; `dispatchUnits`
 * lets a responder unit list its incidents by an indexed equality.
 */
@Schema({ collection: 'incidents', versionKey: 'version' })
export class IncidentDocument {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: String, required: true }) type!: IncidentType;
  @Prop({ type: String, required: true }) severity!: IncidentSeverity;
  @Prop({ type: String, required: true }) source!: IncidentSource;
  @Prop({ type: String, default: null }) rule!: string | null;
  @Prop({ type: String, default: null }) causeEventId!: string | null;
  @Prop({ required: true }) place!: string;
  @Prop({ required: true }) peopleCount!: number;
  @Prop({ type: String, default: null }) peopleDescription!: string | null;
  @Prop({ required: true }) description!: string;
  @Prop({ type: String, default: null }) petitionId!: string | null;
  @Prop({ type: String, default: null }) caseId!: string | null;
  @Prop({ type: String, required: true }) status!: 'open' | 'closed';
  @Prop({ required: true }) reportedAt!: Date;
  @Prop({ required: true }) reportedBy!: string;
  @Prop({ type: [SchemaFactory.createForClass(DispatchDocument)], default: [] }) dispatches!: DispatchDocument[];
  @Prop({ type: [String], default: [] }) dispatchUnits!: ResponderUnit[];
  @Prop({ required: true }) escalated!: boolean;
  @Prop({ type: Date, default: null }) escalatedAt!: Date | null;
  @Prop({ type: SchemaFactory.createForClass(ClosingDocument), default: null }) closing!: ClosingDocument | null;
  @Prop({ type: [SchemaFactory.createForClass(TimelineEntryDocument)], default: [] }) timeline!: TimelineEntryDocument[];
  @Prop({ type: Date, default: null }) nextAcknowledgementDueAt!: Date | null;
  version?: number;
  outbox?: OutboxEntry[];
}

export const IncidentSchema = SchemaFactory.createForClass(IncidentDocument);
IncidentSchema.plugin(outboxPlugin);
IncidentSchema.index({ nextAcknowledgementDueAt: 1 });
IncidentSchema.index({ status: 1, reportedAt: -1 });
IncidentSchema.index({ dispatchUnits: 1, reportedAt: -1 });
IncidentSchema.index({ reportedAt: -1 });
IncidentSchema.index({ petitionId: 1 });
