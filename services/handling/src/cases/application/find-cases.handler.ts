import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { Principal } from '@pdmc/auth';
import { NotFoundError, scopedFilter } from '@pdmc/platform';
import type { Case } from '../domain/case';
import { CaseDocument } from '../infrastructure/case.schema';
import type { ListCasesQuery } from '../interface/list-cases.query';
import { CASE_SCOPE, toCase } from './case-view';

export class CaseNotFoundError extends NotFoundError {
  constructor() {
    super('HANDLING.CASE_NOT_FOUND', 'No case with this id');
  }
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

@Injectable()
export class FindCasesHandler {
  constructor(@InjectModel(CaseDocument.name) private readonly cases: Model<CaseDocument>) {}

  /** A case the principal may see; one outside their scope is "not found", not "forbidden". */
  async byId(id: string, principal: Principal): Promise<Case> {
    const filter = scopedFilter({ _id: id }, principal, CASE_SCOPE);
    const doc = await this.cases.findOne(filter, { outbox: 0 }).lean().exec();
    if (!doc) throw new CaseNotFoundError();
    return toCase(doc);
  }

  async list(query: ListCasesQuery, principal: Principal): Promise<Page<Case>> {
    const asked: Record<string, unknown> = {};
    if (query.petitionId) asked['petitionId'] = query.petitionId;
    if (query.workUnit) asked['workUnit'] = query.workUnit;
    if (query.status) asked['status'] = query.status;
    const filter = scopedFilter(asked, principal, CASE_SCOPE);
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
