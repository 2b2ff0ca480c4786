import { Injectable } from '@nestjs/common';
import type { EventEnvelope, PetitionRegisteredV1 } from '@pdmc/contracts';
import { watchReasons } from '../domain/watch-item';
import { RecordFlagsHandler } from './record-flags.handler';

/**
 * Puts risky petitions on the duty officer's watch list as soon as they are registered. A
 * petition without risk flags is remembered off the list, so that a flag raised later finds
 * its head-count and time of receipt.
 */
@Injectable()
export class WatchPetitionHandler {
  constructor(private readonly record: RecordFlagsHandler) {}

  async execute(event: EventEnvelope<PetitionRegisteredV1>): Promise<void> {
    const p = event.payload;
    await this.record.execute(
      p.petitionId,
      { caseNumber: p.caseNumber, townCode: p.townCode, headcount: p.headcount, receivedAt: new Date(p.receivedAt) },
      { eventId: event.id, source: 'registered', at: new Date(event.occurredAt), reasons: watchReasons(p.flags) },
    );
  }
}
