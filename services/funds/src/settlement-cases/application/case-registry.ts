import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { WorkUnit } from '@pdmc/contracts';
import { SettlementCaseDocument } from '../infrastructure/settlement-case.schema';

export interface KnownCase {
  caseId: string;
  caseNumber: string;
  workUnit: WorkUnit;
  status: 'open' | 'terminated';
}

/** What funds knows of a case from handling's events, for the applications' case rules. */
@Injectable()
export class CaseRegistry {
  constructor(@InjectModel(SettlementCaseDocument.name) private readonly cases: Model<SettlementCaseDocument>) {}

  async find(caseId: string): Promise<KnownCase | undefined> {
    const d = await this.cases.findById(caseId).lean().exec();
    return d ? { caseId: d._id, caseNumber: d.caseNumber, workUnit: d.workUnit, status: d.status ?? 'open' } : undefined;
  }
}
