import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { outboxPlugin, type OutboxEntry } from '@pdmc/persistence';
import { WORK_UNITS, type Channel, type ItemClass, type RoutedBy, type WorkUnit } from '@pdmc/contracts';
import type { DeskReason, DispatchKind } from '../domain/dispatch';

/** One routing decision: by a rule of a rule-set version, or by a dispatcher with a reason. */
export interface DecisionEntry {
  decisionId: string;
  routedBy: RoutedBy;
  kind: 'rule' | DispatchKind;
  ruleSetVersion?: number;
  ruleId: string;
  workUnit: WorkUnit;
  responsibleBody: string;
  assistingUnits: WorkUnit[];
  reason: string;
  explanation: string;
  decidedAt: Date;
  decidedBy?: string;
}

/** A unit's objection (the case came back), as handling announced it. */
export interface ObjectionEntry {
  eventId: string;
  caseId: string;
  workUnit: WorkUnit;
  reason: string;
  assignedAt: Date;
  returnedAt: Date;
  /** Routing's own check of the 5 working days, on its calendar (handling refuses late ones). */
  inTime: boolean;
}

/**
 * Everything routing knows about one accepted petition: `_id` is the petition id, so a
 * redelivered acceptance cannot route twice. The current decision is copied to top-level fields
 * (scoped reads filter on them); every decision stays in `decisions`, each with its rule-set
 * version. Each change is one conditional write on `revision`, with its events in `outbox`.
 */
@Schema({ collection: 'routing_petitions', versionKey: false })
export class PetitionRoutingDocument {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true })
  caseNumber!: string;

  @Prop({ type: { id: Number, level1: String, level2: String, level3: String, _id: false }, required: true })
  category!: { id: number; level1: string; level2: string; level3: string };

  @Prop({ required: true })
  townCode!: string;

  @Prop({ type: String, required: true })
  channel!: Channel;

  @Prop({ type: String, required: true })
  itemClass!: ItemClass;

  @Prop({ required: true })
  receivedAt!: Date;

  @Prop({ required: true })
  acceptedAt!: Date;

  @Prop({ type: String, enum: ['routed', 'awaiting_dispatch'], required: true })
  status!: 'routed' | 'awaiting_dispatch';

  @Prop({ type: String, enum: [...WORK_UNITS, null], default: null })
  workUnit!: WorkUnit | null;

  @Prop({ type: String, default: null })
  responsibleBody!: string | null;

  @Prop({ type: [String], default: [] })
  assistingUnits!: WorkUnit[];

  @Prop({ type: [Object], default: [] })
  decisions!: DecisionEntry[];

  @Prop({ required: true, default: false })
  onDesk!: boolean;

  @Prop({ type: String, default: null })
  deskReason!: DeskReason | null;

  @Prop({ type: Date, default: null })
  deskSince!: Date | null;

  @Prop({ type: Date, default: null })
  deskDueAt!: Date | null;

  @Prop({ type: String, default: null })
  deskNote!: string | null;

  @Prop({ type: [Object], default: [] })
  objections!: ObjectionEntry[];

  @Prop({ required: true, default: 0 })
  bounces!: number;

  /** The joint meeting proposed or convened for this petition, if any. */
  @Prop({ type: String, default: null })
  meetingId!: string | null;

  @Prop({ required: true, default: 0 })
  revision!: number;

  @Prop({ required: true })
  sourceEventId!: string;

  outbox!: OutboxEntry[];
}

export const PetitionRoutingSchema = SchemaFactory.createForClass(PetitionRoutingDocument);
PetitionRoutingSchema.plugin(outboxPlugin);
// The desk: items waiting, nearest deadline first, then the longest waiting; optionally by reason.
PetitionRoutingSchema.index({ onDesk: 1, deskDueAt: 1, deskSince: 1 });
PetitionRoutingSchema.index({ onDesk: 1, deskReason: 1, deskDueAt: 1, deskSince: 1 });
PetitionRoutingSchema.index({ workUnit: 1, acceptedAt: -1 });
PetitionRoutingSchema.index({ 'objections.eventId': 1 }, { sparse: true });
