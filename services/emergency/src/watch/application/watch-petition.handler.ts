import { Injectable } from '@nestjs/common';
import type { EventEnvelope, PetitionRegisteredV1 } from '@pdmc/contracts';
import { watchReasons } from '../domain/watch-item';
import { RaiseAutomaticIncidentsHandler } from '../../incidents/application/raise-automatic-incidents.handler';
import { RecordFlagsHandler } from './record-flags.handler';

/**
 * Puts risky petitions on the duty officer's watch list as soon as they are registered. A
 * petition without risk flags is remembered off the list, so that a flag raised later finds
 * its head-count and time of receipt. Then the incident rules look at the registration (a large
 * visit, a threat raised, abnormal petitioning reported from above).
 */
@Injectable()
export class WatchPetitionHandler {
  constructor(
    private readonly record: RecordFlagsHandler,
    private readonly incidents: RaiseAutomaticIncidentsHandler,
  ) {}

  async execute(event: EventEnvelope<PetitionRegisteredV1>): Promise<void> {
    const p = event.payload;
    const recorded = await this.record.execute(
      p.petitionId,
      { caseNumber: p.caseNumber, townCode: p.townCode, headcount: p.headcount, receivedAt: new Date(p.receivedAt) },
      { eventId: event.id, source: 'registered', at: new Date(event.occurredAt), reasons: watchReasons(p.flags) },
    );
    await this.incidents.execute({
      eventId: event.id,
      source: 'registered',
      petitionId: p.petitionId,
      caseNumber: p.caseNumber,
      townCode: p.townCode,
      channel: p.channel,
      headcount: p.headcount,
      flags: p.flags,
      raised: recorded?.raised ?? [],
      referredByHigherAuthority: p.referral !== undefined,
      at: new Date(event.occurredAt),
    });
  }
}
