import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { trusted, type Model } from 'mongoose';
import type {
  ApplicationApprovedV1,
  ApplicationCancelledV1,
  ApplicationRejectedV1,
  ApplicationWithdrawnV1,
  ApplicationSubmittedV1,
  DisbursementRecordedV1,
  DisbursementReversedV1,
  EventEnvelope,
} from '@pdmc/contracts';
import { isDuplicateKeyError } from '@pdmc/persistence';
import { CaseSettlementDocument } from '../infrastructure/case-settlement.schema';

type ApplicationFacts = Pick<ApplicationSubmittedV1, 'applicationId' | 'fundId' | 'fiscalYear' | 'kind' | 'caseId'>;

/**
 * Keeps each case's settlements from funds' events. Every subject has its own consumer, so the
 * events may arrive in any order: each one writes only its own fact (a time, a tranche, a
 * reversal) and the view derives the state; a fact already there is not written twice.
 */
@Injectable()
export class RecordSettlementHandler {
  constructor(@InjectModel(CaseSettlementDocument.name) private readonly settlements: Model<CaseSettlementDocument>) {}

  async submitted(event: EventEnvelope<ApplicationSubmittedV1>): Promise<void> {
    const p = event.payload;
    const at = new Date(p.submittedAt);
    // A resubmission after a return may change the amount; an older submission (or one after the approval) does not.
    await this.write(p, { approvedAt: null, $or: [{ submittedAt: null }, { submittedAt: trusted({ $lt: at }) }] }, { $set: { submittedAt: at, amountFen: p.amountFen } });
    // Arrived after the approval: the approved amount stands, the submission's date is still worth showing.
    if (p.caseId) await this.settlements.updateOne({ _id: p.applicationId, submittedAt: null }, { $set: { submittedAt: at } }).exec();
  }

  async approved(event: EventEnvelope<ApplicationApprovedV1>): Promise<void> {
    const p = event.payload;
    await this.write(p, {}, { $set: { approvedAt: new Date(p.approvedAt), amountFen: p.amountFen } });
  }

  async rejected(event: EventEnvelope<ApplicationRejectedV1>): Promise<void> {
    const p = event.payload;
    await this.write(p, {}, { $set: { rejectedAt: new Date(p.rejectedAt), amountFen: p.amountFen } });
  }

  async withdrawn(event: EventEnvelope<ApplicationWithdrawnV1>): Promise<void> {
    const p = event.payload;
    await this.write(p, {}, { $set: { withdrawnAt: new Date(p.withdrawnAt) } });
  }

  async cancelled(event: EventEnvelope<ApplicationCancelledV1>): Promise<void> {
    const p = event.payload;
    await this.write(p, {}, { $set: { cancelledAt: new Date(p.cancelledAt), amountFen: p.amountFen } });
  }

  async disbursed(event: EventEnvelope<DisbursementRecordedV1>): Promise<void> {
    const p = event.payload;
    await this.write(
      p,
      { 'tranches.disbursementId': trusted({ $ne: p.disbursementId }) },
      { $push: { tranches: { disbursementId: p.disbursementId, amountFen: p.amountFen, paidAt: new Date(p.paidAt) } } },
    );
  }

  async reversed(event: EventEnvelope<DisbursementReversedV1>): Promise<void> {
    const p = event.payload;
    await this.write(
      p,
      { 'reversals.disbursementId': trusted({ $ne: p.disbursementId }) },
      { $push: { reversals: { disbursementId: p.disbursementId, amountFen: p.amountFen, reversedAt: new Date(p.reversedAt) } } },
    );
  }

  /**
   * One write: the fact, on the application's record, created by whichever event comes first.
   * When the record exists but `unless` does not hold (the fact is there, or a newer one), the
   * upsert tries a second record under the same id and the duplicate key says: nothing to do.
   */
  private async write(p: ApplicationFacts, unless: Record<string, unknown>, update: Record<string, unknown>): Promise<void> {
    // Rewards name no case: nothing to show on a case view.
    if (!p.caseId) return;
    try {
      await this.settlements
        .updateOne(
          { _id: p.applicationId, ...unless },
          { ...update, $setOnInsert: { caseId: p.caseId, fundId: p.fundId, fiscalYear: p.fiscalYear, kind: p.kind } },
          { upsert: true },
        )
        .exec();
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }
}
