import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { Principal } from '@pdmc/auth';
import { NotFoundError, scopedFilter } from '@pdmc/platform';

/** Unit staff see their units' cases, a body's liaison the cases given to that body. */
const CASE_SCOPE = { units: 'workUnit', bodies: 'responsibleBody' };
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

  /** A case the principal may see; one outside their scope is "not found", not "forbidden". */
  async byId(id: string, principal: Principal): Promise<Case> {
    const filter = scopedFilter({ _id: id }, principal, CASE_SCOPE);
    const doc = await this.cases.findOne(filter, { outbox: 0 }).lean().exec();
    if (!doc) throw new NotFoundError('HANDLING.CASE_NOT_FOUND', 'No case with this id');
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
