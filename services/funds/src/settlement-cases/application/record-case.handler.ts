import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { CaseOpenedV1, EventEnvelope } from '@pdmc/contracts';
import { isDuplicateKeyError } from '@pdmc/persistence';
import { SettlementCaseDocument } from '../infrastructure/settlement-case.schema';

/** Records an opened case as one that settlement applications may reference. */
@Injectable()
export class RecordCaseHandler {
  constructor(@InjectModel(SettlementCaseDocument.name) private readonly cases: Model<SettlementCaseDocument>) {}

  async execute(event: EventEnvelope<CaseOpenedV1>): Promise<void> {
    const p = event.payload;
    try {
      await this.cases.create({
        _id: p.caseId,
        petitionId: p.petitionId,
        caseNumber: p.caseNumber,
        workUnit: p.workUnit,
        openedAt: new Date(p.openedAt),
      });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }
}
