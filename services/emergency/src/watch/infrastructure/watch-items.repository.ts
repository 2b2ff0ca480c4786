import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { insertIfAbsent } from '@pdmc/persistence';
import { riskLevelOf, type PetitionWatch, type WatchRecord } from '../domain/watch-item';
import { WatchItemDocument } from './watch-item.schema';

/** A petition's watch state as stored, with the version a conditional save expects. */
export interface StoredWatch {
  watch: PetitionWatch;
  version: number;
}

/**
 * The domain view of a document. Documents from before flag changes were followed have no
 * history and no `onWatchList`: they were created on the list, from their registration.
 */
export function toPetitionWatch(doc: WatchItemDocument): PetitionWatch {
  const history: WatchRecord[] =
    doc.history ??
    [
      {
        eventId: `before-history:${doc._id}`,
        source: 'registered',
        at: doc.createdAt ?? doc.receivedAt ?? new Date(0),
        reasons: doc.reasons,
        raised: doc.reasons,
        cleared: [],
      },
    ];
  return {
    petitionId: doc._id,
    caseNumber: doc.caseNumber,
    townCode: doc.townCode,
    headcount: doc.headcount ?? null,
    receivedAt: doc.receivedAt ?? null,
    onWatchList: doc.onWatchList ?? true,
    reasons: doc.reasons,
    riskLevel: doc.riskLevel ?? riskLevelOf(doc.reasons),
    createdAt: doc.createdAt ?? null,
    updatedAt: doc.updatedAt ?? doc.createdAt ?? new Date(0),
    history: history.map(({ eventId, source, at, reasons, raised, cleared }) => ({ eventId, source, at, reasons, raised, cleared })),
  };
}

/** Loads and saves petitions' watch state, one document per petition, by conditional writes. */
@Injectable()
export class WatchItemsRepository {
  constructor(@InjectModel(WatchItemDocument.name) private readonly items: Model<WatchItemDocument>) {}

  async find(petitionId: string): Promise<StoredWatch | undefined> {
    const doc = await this.items.findById(petitionId).lean<WatchItemDocument>().exec();
    return doc ? { watch: toPetitionWatch(doc), version: doc.version ?? 0 } : undefined;
  }

  /**
   * Stores `watch`: inserts it when `version` is undefined (nothing was stored), otherwise
   * replaces the state stored at `version`. Returns false when another writer got there first
   * (a duplicate insert or a newer version): read again and retry.
   */
  async save(watch: PetitionWatch, version: number | undefined): Promise<boolean> {
    const { petitionId, ...state } = watch;
    if (version === undefined) return insertIfAbsent(this.items, { _id: petitionId, ...state });
    const result = await this.items
      .updateOne({ _id: petitionId, version }, { $set: state, $inc: { version: 1 } })
      .exec();
    return result.matchedCount === 1;
  }
}
