import { Injectable } from '@nestjs/common';
import type { EventEnvelope, PetitionFlagsChangedV1 } from '@pdmc/contracts';
import { watchReasons } from '../domain/watch-item';
import { RaiseAutomaticIncidentsHandler } from '../../incidents/application/raise-automatic-incidents.handler';
import { RecordFlagsHandler } from './record-flags.handler';

/**
 * Follows flags staff change after registration: a threat of extreme action, abnormal
 * petitioning or a collective visit raised later puts the petition on the watch list (or adds
 * the reason to its item); a flag cleared later is recorded in the item's history, and the item
 * stays on the list. A flag the change raised may raise an incident by the rules (a threat).
 */
@Injectable()
export class FollowFlagChangeHandler {
  constructor(
    private readonly record: RecordFlagsHandler,
    private readonly incidents: RaiseAutomaticIncidentsHandler,
  ) {}

  async execute(event: EventEnvelope<PetitionFlagsChangedV1>): Promise<void> {
    const p = event.payload;
    const recorded = await this.record.execute(
      p.petitionId,
      { caseNumber: p.caseNumber, townCode: p.townCode },
      { eventId: event.id, source: 'flags-changed', at: new Date(p.changedAt), reasons: watchReasons(p.flags) },
    );
    await this.incidents.execute({
      eventId: event.id,
      source: 'flags-changed',
      petitionId: p.petitionId,
      caseNumber: p.caseNumber,
      townCode: p.townCode,
      flags: p.flags,
      raised: recorded?.raised ?? [],
      at: new Date(p.changedAt),
    });
  }
}
