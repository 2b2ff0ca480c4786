import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { toSettlement, type Settlement } from '../domain/settlement';
import { CaseSettlementDocument } from '../infrastructure/case-settlement.schema';

@Injectable()
export class CaseSettlementsQuery {
  constructor(@InjectModel(CaseSettlementDocument.name) private readonly settlements: Model<CaseSettlementDocument>) {}

  /** The case's settlements, oldest submission first. */
  async of(caseId: string): Promise<Settlement[]> {
    const docs = await this.settlements.find({ caseId }).lean().exec();
    return docs
      .map((d) =>
        toSettlement({
          applicationId: d._id,
          fundId: d.fundId,
          fiscalYear: d.fiscalYear,
          kind: d.kind,
          amountFen: d.amountFen,
          submittedAt: d.submittedAt ?? null,
          approvedAt: d.approvedAt ?? null,
          rejectedAt: d.rejectedAt ?? null,
          withdrawnAt: d.withdrawnAt ?? null,
          cancelledAt: d.cancelledAt ?? null,
          tranches: d.tranches ?? [],
          reversals: d.reversals ?? [],
        }),
      )
      .sort((a, b) => (a.submittedAt?.getTime() ?? 0) - (b.submittedAt?.getTime() ?? 0));
  }
}
