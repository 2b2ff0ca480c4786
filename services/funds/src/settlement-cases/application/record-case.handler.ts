import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { CaseOpenedV1, CaseTerminatedV1, EventEnvelope } from '@pdmc/contracts';
import { duplicateKeyMeansDone } from '@pdmc/persistence';
import { SettlementCaseDocument } from '../infrastructure/settlement-case.schema';

/** Records an opened case as one that settlement applications may reference. */
@Injectable()
export class RecordCaseHandler {
  constructor(@InjectModel(SettlementCaseDocument.name) private readonly cases: Model<SettlementCaseDocument>) {}

  async execute(event: EventEnvelope<CaseOpenedV1>): Promise<void> {
    const p = event.payload;
    await this.upsert(p.caseId, {
      petitionId: p.petitionId,
      caseNumber: p.caseNumber,
      workUnit: p.workUnit,
      status: 'open',
      openedAt: new Date(p.openedAt),
    });
    // A termination that overtook the opening left the case without its opening time.
    await this.cases.updateOne({ _id: p.caseId, openedAt: null }, { $set: { openedAt: new Date(p.openedAt) } }).exec();
  }

  /** Marks the case terminated (终结); idempotent, and in any order with its opening. */
  async terminate(event: EventEnvelope<CaseTerminatedV1>): Promise<void> {
    const p = event.payload;
    await this.upsert(p.caseId, { petitionId: p.petitionId, caseNumber: p.caseNumber, workUnit: p.workUnit, status: 'terminated' });
    await this.cases
      .updateOne({ _id: p.caseId }, { $set: { status: 'terminated', terminatedAt: new Date(p.terminatedAt) } })
      .exec();
  }

  private async upsert(caseId: string, facts: Omit<SettlementCaseDocument, '_id' | 'terminatedAt'>): Promise<void> {
    await duplicateKeyMeansDone(() => this.cases.updateOne({ _id: caseId }, { $setOnInsert: facts }, { upsert: true }).exec());
  }
}
