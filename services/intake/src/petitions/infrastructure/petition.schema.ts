import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { outboxPlugin, type OutboxEntry } from '@pdmc/persistence';
import { CHANNELS, ITEM_CLASSES, type Channel, type ItemClass } from '@pdmc/contracts';
import type { CategoryRef, Classification, PetitionFlags, PetitionRef, PetitionStatus, Referral } from '../domain/petition';
import type { AcceptanceDecision } from '../domain/acceptance';
import type { StoredPetitioner } from '../petitioners/domain/petitioner';
import type { TimelineEntry } from '../domain/timeline';

@Schema({ collection: 'petitions', versionKey: 'version', timestamps: false })
export class PetitionDocument {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true, unique: true })
  caseNumber!: string;

  @Prop({ required: true, unique: true })
  queryCode!: string;

  /**
   * The client's Idempotency-Key bound to its caller (and, for anonymous submissions, to the
   * body): `scopeIdempotencyKey` in libs/platform. A retry with the same key returns the same petition.
   */
  @Prop({ type: String, unique: true, sparse: true })
  idempotencyKey?: string;

  /** sha256 of the request body the key came with; the same key with another body is refused (422). */
  @Prop({ type: String })
  idempotencyFingerprint?: string;

  @Prop({ type: String, required: true, enum: CHANNELS })
  channel!: Channel;

  @Prop({ type: String, required: true, enum: ITEM_CLASSES })
  itemClass!: ItemClass;

  /** Absent only for an online submission nothing could classify yet. */
  @Prop({ type: Object })
  category?: CategoryRef;

  @Prop({ type: Object, required: true })
  classification!: Classification;

  @Prop({ required: true })
  townCode!: string;

  @Prop({ type: Object })
  referral?: Referral;

  /** Encrypted petitioners with blind indexes and their registry id (see PetitionerProtection). */
  @Prop({ type: [Object], default: [] })
  petitioners!: StoredPetitioner[];

  @Prop({ required: true })
  subject!: string;

  @Prop({ required: true })
  description!: string;

  @Prop({ required: true })
  headcount!: number;

  @Prop({ type: Object, required: true })
  flags!: PetitionFlags;

  @Prop({ type: Object })
  repeatOf?: PetitionRef;

  @Prop({ required: true })
  firstAtThisBody!: boolean;

  @Prop({ type: String, required: true })
  status!: PetitionStatus;

  @Prop({ type: Object })
  mergedInto?: PetitionRef;

  @Prop({ type: String })
  mergedCaseNumber?: string;

  @Prop({ required: true })
  receivedAt!: Date;

  @Prop({ required: true })
  registeredAt!: Date;

  @Prop({ required: true })
  acceptanceDueAt!: Date;

  @Prop({ type: Object })
  acceptance?: AcceptanceDecision;

  /** Set when the overdue event was queued, so it is reported once. */
  @Prop()
  acceptanceOverdueReportedAt?: Date;

  /** Every change, appended in the same write as the change itself. */
  @Prop({ type: [Object], default: [] })
  history!: TimelineEntry[];

  outbox!: OutboxEntry[];
}

export const PetitionSchema = SchemaFactory.createForClass(PetitionDocument);
PetitionSchema.plugin(outboxPlugin);
// One index behind every filter of the clerk's search (GET /petitions); newest first within each.
PetitionSchema.index({ receivedAt: -1 });
PetitionSchema.index({ 'category.id': 1, receivedAt: -1 });
PetitionSchema.index({ 'category.level1': 1, receivedAt: -1 });
PetitionSchema.index({ itemClass: 1, receivedAt: -1 });
PetitionSchema.index({ townCode: 1, receivedAt: -1 });
PetitionSchema.index({ channel: 1, receivedAt: -1 });
PetitionSchema.index({ status: 1, receivedAt: -1 });
PetitionSchema.index({ status: 1, acceptanceDueAt: 1 });
PetitionSchema.index({ status: 1, acceptanceOverdueReportedAt: 1, acceptanceDueAt: 1 });
PetitionSchema.index({ 'petitioners.personId': 1, receivedAt: -1 });
PetitionSchema.index({ 'petitioners.idNumberIndex': 1 });
PetitionSchema.index({ 'petitioners.phoneIndex': 1 });
PetitionSchema.index({ 'mergedInto.petitionId': 1 });
PetitionSchema.index({ 'repeatOf.petitionId': 1 });
PetitionSchema.index({ mergedCaseNumber: 1 }, { sparse: true });
for (const flag of ['collective', 'repeat', 'escalated', 'abnormal', 'threatOfExtremeAction', 'backlog']) {
  PetitionSchema.index({ [`flags.${flag}`]: 1, receivedAt: -1 });
}
