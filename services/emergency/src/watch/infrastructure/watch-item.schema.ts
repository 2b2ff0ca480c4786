import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { trusted } from 'mongoose';
import type { FlagSource, RiskLevel, WatchReason } from '../domain/watch-item';

/** One event's report of a petition's flags, as kept in its history. */
@Schema({ _id: false, versionKey: false })
export class WatchRecordDocument {
  @Prop({ required: true })
  eventId!: string;

  @Prop({ type: String, required: true })
  source!: FlagSource;

  @Prop({ required: true })
  at!: Date;

  @Prop({ type: [String], required: true })
  reasons!: WatchReason[];

  @Prop({ type: [String], required: true })
  raised!: WatchReason[];

  @Prop({ type: [String], required: true })
  cleared!: WatchReason[];
}

const WatchRecordSchema = SchemaFactory.createForClass(WatchRecordDocument);

/**
 * `_id` is the petition id: one document per petition, however often and in whatever order its
 * events arrive. Only documents with `onWatchList` are on the duty officer's list; the others
 * keep a registration without risk flags until a later change raises one. Documents written
 * before flag changes were followed have no `onWatchList` and no `history`: they are all on the
 * list, with their registration as history.
 */
@Schema({ collection: 'watch_items', versionKey: 'version' })
export class WatchItemDocument {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true })
  caseNumber!: string;

  @Prop({ required: true })
  townCode!: string;

  /** `null` until the registered event is known. */
  @Prop({ type: Number, default: null })
  headcount!: number | null;

  @Prop({ type: Date, default: null })
  receivedAt!: Date | null;

  @Prop({ type: Boolean })
  onWatchList?: boolean;

  @Prop({ type: [String], required: true })
  reasons!: WatchReason[];

  @Prop({ type: String, required: true })
  riskLevel!: RiskLevel;

  /** When the petition went on the watch list; `null` while it is not. */
  @Prop({ type: Date, default: null })
  createdAt!: Date | null;

  @Prop({ type: Date })
  updatedAt?: Date;

  @Prop({ type: [WatchRecordSchema], default: undefined })
  history?: WatchRecordDocument[];

  version?: number;
}

export const WatchItemSchema = SchemaFactory.createForClass(WatchItemDocument);
WatchItemSchema.index({ riskLevel: 1, createdAt: -1 });
WatchItemSchema.index({ onWatchList: 1, createdAt: -1 });

/**
 * The filter of documents on the watch list (those from before `onWatchList` existed included).
 * A function, so each query gets its own `trusted` operator (sanitizeFilter would otherwise
 * neutralise it).
 */
export const onWatchList = () => ({ onWatchList: trusted({ $ne: false }) });
