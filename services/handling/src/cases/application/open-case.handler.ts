import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { randomUUID } from 'node:crypto';
import type { Model } from 'mongoose';
import { CASE_OPENED_V1, createEnvelope, type EventEnvelope, type PetitionRoutedV1 } from '@pdmc/contracts';
import { OutboxRelayService } from '@pdmc/platform';
import { isDuplicateKeyError, toOutbox } from '@pdmc/persistence';
import { handlingDueAt } from '../domain/case';
import { CaseDocument } from '../infrastructure/case.schema';

/** Opens the case a work unit owns until it is closed, when routing has decided. */
@Injectable()
export class OpenCaseHandler {
  constructor(
    @InjectModel(CaseDocument.name) private readonly cases: Model<CaseDocument>,
    private readonly relay: OutboxRelayService,
  ) {}

  async execute(event: EventEnvelope<PetitionRoutedV1>): Promise<void> {
    const p = event.payload;
    const id = randomUUID();
    const openedAt = new Date();
    const dueAt = handlingDueAt(openedAt);
    const opened = createEnvelope(
      CASE_OPENED_V1,
      {
        caseId: id,
        petitionId: p.petitionId,
        caseNumber: p.caseNumber,
        workUnit: p.workUnit,
        responsibleBody: p.responsibleBody,
        openedAt: openedAt.toISOString(),
        dueAt: dueAt.toISOString(),
      },
      { correlationId: event.correlationId, causationId: event.id },
    );
    try {
      await this.cases.create({
        _id: id,
        petitionId: p.petitionId,
        caseNumber: p.caseNumber,
        workUnit: p.workUnit,
        responsibleBody: p.responsibleBody,
        status: 'open',
        openedAt,
        dueAt,
        sourceEventId: event.id,
        outbox: toOutbox(opened),
      });
    } catch (error) {
      // The petition already has its case (redelivery after a crash): nothing to do.
      if (!isDuplicateKeyError(error)) throw error;
      return;
    }
    this.relay.kick();
  }
}
