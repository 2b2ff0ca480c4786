import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { createEnvelope, PETITION_ROUTED_V1, type EventEnvelope, type PetitionAcceptedV1 } from '@pdmc/contracts';
import { DomainError, OutboxRelayService } from '@pdmc/platform';
import { isDuplicateKeyError, toOutbox } from '@pdmc/persistence';
import { route } from '../domain/routing-rules';
import { RoutingDecisionDocument } from '../infrastructure/routing-decision.schema';

/** Decides the work unit and responsible body for an accepted petition. */
@Injectable()
export class RoutePetitionHandler {
  constructor(
    @InjectModel(RoutingDecisionDocument.name) private readonly decisions: Model<RoutingDecisionDocument>,
    private readonly relay: OutboxRelayService,
  ) {}

  async execute(event: EventEnvelope<PetitionAcceptedV1>): Promise<void> {
    const p = event.payload;
    const outcome = route({
      level1: p.category.level1,
      level2: p.category.level2,
      channel: p.channel,
      itemClass: p.itemClass,
      townCode: p.townCode,
    });
    if (!outcome) {
      // Every taxonomy class has a rule (tested); reaching this means the contract moved on.
      throw new DomainError('ROUTING.NO_UNIT_FOUND', `No routing rule for ${p.category.level1}/${p.category.level2}`);
    }
    const routed = createEnvelope(
      PETITION_ROUTED_V1,
      { petitionId: p.petitionId, caseNumber: p.caseNumber, ...outcome },
      { correlationId: event.correlationId, causationId: event.id },
    );
    try {
      await this.decisions.create({
        _id: p.petitionId,
        caseNumber: p.caseNumber,
        categoryId: p.category.id,
        townCode: p.townCode,
        ...outcome,
        decidedAt: new Date(),
        sourceEventId: event.id,
        outbox: toOutbox(routed),
      });
    } catch (error) {
      // Already decided (a redelivery after a crash): the first decision and its event stand.
      if (!isDuplicateKeyError(error)) throw error;
      return;
    }
    this.relay.kick();
  }
}
