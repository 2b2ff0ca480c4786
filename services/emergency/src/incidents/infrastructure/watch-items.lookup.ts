import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { onWatchList, WatchItemDocument } from '../../watch/infrastructure/watch-item.schema';

/** Reads the watch list (same service, same database) so an incident can start from an item. */
@Injectable()
export class WatchItemsLookup {
  constructor(@InjectModel(WatchItemDocument.name) private readonly items: Model<WatchItemDocument>) {}

  async find(petitionId: string): Promise<{ petitionId: string; caseNumber: string } | undefined> {
    const doc = await this.items.findOne({ _id: petitionId, ...onWatchList() }).lean<WatchItemDocument>().exec();
    return doc ? { petitionId: doc._id, caseNumber: doc.caseNumber } : undefined;
  }
}
