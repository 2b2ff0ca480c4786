import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { NotFoundError } from '@pdmc/platform';
import type { Case } from '../domain/case';
import { CaseDocument } from '../infrastructure/case.schema';
import type { ListCasesQuery } from '../interface/list-cases.query';

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

function toCase(d: Omit<CaseDocument, 'outbox'>): Case {
  return {
    id: d._id,
    petitionId: d.petitionId,
    caseNumber: d.caseNumber,
    workUnit: d.workUnit,
    responsibleBody: d.responsibleBody,
    status: d.status,
    openedAt: d.openedAt,
    dueAt: d.dueAt,
  };
}

@Injectable()
export class FindCasesHandler {
  constructor(@InjectModel(CaseDocument.name) private readonly cases: Model<CaseDocument>) {}

  async byId(id: string): Promise<Case> {
    const doc = await this.cases.findById(id, { outbox: 0 }).lean().exec();
    if (!doc) throw new NotFoundError('HANDLING.CASE_NOT_FOUND', 'No case with this id');
    return toCase(doc);
  }

  async list(query: ListCasesQuery): Promise<Page<Case>> {
    const filter: Record<string, string> = {};
    if (query.petitionId) filter['petitionId'] = query.petitionId;
    if (query.workUnit) filter['workUnit'] = query.workUnit;
    if (query.status) filter['status'] = query.status;
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const [docs, total] = await Promise.all([
      this.cases
        .find(filter, { outbox: 0 })
        .sort({ openedAt: -1, _id: 1 })
        .skip((page - 1) * pageSize)
        .limit(pageSize)
        .lean()
        .exec(),
      this.cases.countDocuments(filter).exec(),
    ]);
    return { items: docs.map(toCase), total, page, pageSize };
  }
}
