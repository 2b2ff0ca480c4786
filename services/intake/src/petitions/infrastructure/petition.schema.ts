import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { outboxPlugin, type OutboxEntry } from '@pdmc/persistence';
import { CHANNELS, ITEM_CLASSES, type Channel, type ItemClass } from '@pdmc/contracts';
import type { CategoryRef, PetitionFlags, PetitionStatus } from '../domain/petition';
import type { AcceptanceDecision } from '../domain/acceptance';
import type { StoredPetitioner } from '../domain/petitioner';

@Schema({ collection: 'petitions', versionKey: 'version', timestamps: false })
export class PetitionDocument {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true, unique: true })
  caseNumber!: string;

  @Prop({ required: true, unique: true })
  queryCode!: string;

  /** Client-supplied Idempotency-Key; a retry with the same key returns the same petition. */
  @Prop({ type: String, unique: true, sparse: true })
  idempotencyKey?: string;

  @Prop({ type: String, required: true, enum: CHANNELS })
  channel!: Channel;

  @Prop({ type: String, required: true, enum: ITEM_CLASSES })
  itemClass!: ItemClass;

  @Prop({ type: Object, required: true })
  category!: CategoryRef;

  @Prop({ required: true })
  townCode!: string;

  /** Encrypted petitioners with blind indexes (see PetitionerProtection). */
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

  @Prop({ type: String, required: true })
  status!: PetitionStatus;

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

  outbox!: OutboxEntry[];
}

export const PetitionSchema = SchemaFactory.createForClass(PetitionDocument);
PetitionSchema.plugin(outboxPlugin);
PetitionSchema.index({ receivedAt: -1 });
PetitionSchema.index({ 'category.id': 1, receivedAt: -1 });
PetitionSchema.index({ townCode: 1, receivedAt: -1 });
PetitionSchema.index({ channel: 1, receivedAt: -1 });
PetitionSchema.index({ 'petitioners.idNumberIndex': 1 });
PetitionSchema.index({ 'petitioners.phoneIndex': 1 });
PetitionSchema.index({ status: 1, acceptanceDueAt: 1 });
