import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { NotFoundError } from '@pdmc/platform';
import type { FlagSource, RiskLevel, WatchReason } from '../domain/watch-item';
import { onWatchList, WatchItemDocument } from '../infrastructure/watch-item.schema';
import { toPetitionWatch } from '../infrastructure/watch-items.repository';

/** One report of the petition's flags: what it raised and cleared compared with the one before. */
export interface WatchRecordView {
  at: Date;
  source: FlagSource;
  eventId: string;
  reasons: WatchReason[];
  raised: WatchReason[];
  cleared: WatchReason[];
}

/** A petition on the watch list, as the duty officer sees it. */
export interface WatchItemView {
  petitionId: string;
  caseNumber: string;
  townCode: string;
  /** `null` while only a flag change is known, not the registration. */
  headcount: number | null;
  /** The reasons given by the latest report; empty once every flag was cleared. */
  reasons: WatchReason[];
  /** `none` once every flag was cleared; the item stays for its history. */
  riskLevel: RiskLevel;
  receivedAt: Date | null;
  /** When the petition went on the watch list. */
  createdAt: Date;
  updatedAt: Date;
  /** Every report of its flags, oldest first. */
  history: WatchRecordView[];
}

export function toWatchItemView(d: WatchItemDocument): WatchItemView {
  const w = toPetitionWatch(d);
  return {
    petitionId: w.petitionId,
    caseNumber: w.caseNumber,
    townCode: w.townCode,
    headcount: w.headcount,
    reasons: w.reasons,
    riskLevel: w.riskLevel,
    receivedAt: w.receivedAt,
    createdAt: w.createdAt as Date,
    updatedAt: w.updatedAt,
    history: w.history.map(({ at, source, eventId, reasons, raised, cleared }) => ({ at, source, eventId, reasons, raised, cleared })),
  };
}

/** Reads of the duty officer's watch list. */
@Injectable()
export class WatchItemQueriesHandler {
  constructor(@InjectModel(WatchItemDocument.name) private readonly items: Model<WatchItemDocument>) {}

  /** The 100 petitions put on the watch list last, newest first. */
  async latest(): Promise<WatchItemView[]> {
    const docs = await this.items.find(onWatchList()).sort({ createdAt: -1, _id: 1 }).limit(100).lean<WatchItemDocument[]>().exec();
    return docs.map(toWatchItemView);
  }

  async byPetition(petitionId: string): Promise<WatchItemView> {
    const doc = await this.items.findOne({ _id: petitionId, ...onWatchList() }).lean<WatchItemDocument>().exec();
    if (!doc) throw new NotFoundError('EMERGENCY.WATCH_ITEM_NOT_FOUND', 'This petition is not on the watch list');
    return toWatchItemView(doc);
  }
}
