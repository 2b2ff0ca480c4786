import { Injectable } from '@nestjs/common';
import type { EventEnvelope, PetitionFlagsChangedV1 } from '@pdmc/contracts';
import { watchReasons } from '../domain/watch-item';
import { RecordFlagsHandler } from './record-flags.handler';

/**
 * Follows flags staff change after registration: a threat of extreme action, abnormal
 * petitioning or a collective visit raised later puts the petition on the watch list (or adds
 * the reason to its item); a flag cleared later is recorded in the item's history, and the item
 * stays on the list.
 */
@Injectable()
export class FollowFlagChangeHandler {
  constructor(private readonly record: RecordFlagsHandler) {}

  async execute(event: EventEnvelope<PetitionFlagsChangedV1>): Promise<void> {
    const p = event.payload;
    await this.record.execute(
      p.petitionId,
      { caseNumber: p.caseNumber, townCode: p.townCode },
      { eventId: event.id, source: 'flags-changed', at: new Date(p.changedAt), reasons: watchReasons(p.flags) },
    );
  }
}
