import { Injectable } from '@nestjs/common';
import { recordFlags, type FlagReport, type PetitionFacts, type WatchRecord } from '../domain/watch-item';
import { WatchItemsRepository } from '../infrastructure/watch-items.repository';

/** Conditional saves tried before giving the event back to the transport (which redelivers it). */
const MAX_ATTEMPTS = 5;

/**
 * Adds one event's report of a petition's flags to its watch state ({@link recordFlags}):
 * read, decide, save if nobody changed it meanwhile, else read again. The registered and the
 * flags-changed consumers run side by side, so both may write one petition at once.
 */
@Injectable()
export class RecordFlagsHandler {
  constructor(private readonly items: WatchItemsRepository) {}

  /** Returns the event's record in the item's history (also when it was recorded before). */
  async execute(petitionId: string, facts: PetitionFacts, report: FlagReport): Promise<WatchRecord | undefined> {
    const recordOf = (history: WatchRecord[]) => history.find((r) => r.eventId === report.eventId);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      const stored = await this.items.find(petitionId);
      const next = recordFlags(stored?.watch, petitionId, facts, report, new Date());
      if (!next) return recordOf(stored?.watch.history ?? []); // already recorded
      if (await this.items.save(next, stored?.version)) return recordOf(next.history);
    }
    throw new Error(`Watch item ${petitionId} changed concurrently ${MAX_ATTEMPTS} times; the event will be retried`);
  }
}
