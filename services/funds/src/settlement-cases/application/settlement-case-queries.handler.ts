import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { NotFoundError } from '@pdmc/platform';
import { SettlementCaseDocument } from '../infrastructure/settlement-case.schema';

/** A case that settlement applications may reference, as funds learned it from handling. */
export interface SettlementCaseView {
  caseId: string;
  petitionId: string;
  caseNumber: string;
  workUnit: string;
  openedAt: Date | null;
  status: 'open' | 'terminated';
}

/** Reads of the cases funds knows. */
@Injectable()
export class SettlementCaseQueriesHandler {
  constructor(@InjectModel(SettlementCaseDocument.name) private readonly cases: Model<SettlementCaseDocument>) {}

  async byId(caseId: string): Promise<SettlementCaseView> {
    const d = await this.cases.findById(caseId).lean().exec();
    if (!d) throw new NotFoundError('FUNDS.CASE_NOT_FOUND', 'Funds knows no case with this id');
    return { caseId: d._id, petitionId: d.petitionId, caseNumber: d.caseNumber, workUnit: d.workUnit, openedAt: d.openedAt ?? null, status: d.status ?? 'open' };
  }
}
