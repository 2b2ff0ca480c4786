import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { trusted, type Model } from 'mongoose';
import { findPage, type Page } from '@pdmc/persistence';
import { ValidationFailedError } from '@pdmc/platform';
import type { Petition, PetitionTimeline } from '../domain/petition';
import { entry, sortTimeline } from '../domain/timeline';
import { PetitionDocument } from '../infrastructure/petition.schema';
import { PetitionMapper } from './petition.mapper';
import { PetitionNotFoundError } from './errors';
import { FLAG_FILTERS, type PetitionFilter, type PetitionSort } from './petition.commands';

const SORTS: Record<PetitionSort, Record<string, 1 | -1>> = {
  '-receivedAt': { receivedAt: -1, _id: 1 },
  receivedAt: { receivedAt: 1, _id: 1 },
  acceptanceDueAt: { acceptanceDueAt: 1, _id: 1 },
  '-acceptanceDueAt': { acceptanceDueAt: -1, _id: 1 },
};

/** The stored filter of a search; every key has an index (petition.schema.ts). */
export function petitionFilter(query: PetitionFilter): Record<string, unknown> {
  const filter: Record<string, unknown> = {};
  if (query.caseNumber) {
    // A merged-case number finds the target and everything merged into it.
    if (query.caseNumber.includes('-M')) filter['mergedCaseNumber'] = query.caseNumber;
    else filter['caseNumber'] = query.caseNumber;
  }
  if (query.queryCode) filter['queryCode'] = query.queryCode;
  if (query.personId) filter['petitioners.personId'] = query.personId;
  if (query.channel) filter['channel'] = query.channel;
  if (query.itemClass) filter['itemClass'] = query.itemClass;
  if (query.categoryId !== undefined) filter['category.id'] = query.categoryId;
  if (query.categoryLevel1) filter['category.level1'] = query.categoryLevel1;
  if (query.townCode) filter['townCode'] = query.townCode;
  if (query.status) filter['status'] = query.status;
  for (const flag of FLAG_FILTERS) {
    // Petitions stored before the backlog flag existed have no `flags.backlog`: false means "not true".
    if (query[flag] !== undefined) filter[`flags.${flag}`] = query[flag] ? true : trusted({ $ne: true });
  }
  const range: Record<string, Date> = {};
  if (query.receivedFrom) range['$gte'] = new Date(query.receivedFrom);
  if (query.receivedTo) range['$lt'] = new Date(query.receivedTo);
  if (range['$gte'] && range['$lt'] && range['$gte'] >= range['$lt']) {
    throw new ValidationFailedError([{ field: 'receivedTo', rule: 'afterReceivedFrom', message: 'receivedTo must be after receivedFrom' }]);
  }
  if (Object.keys(range).length) filter['receivedAt'] = trusted(range);
  return filter;
}

@Injectable()
/** Reads petitions for clerks: one by id, or a filtered page. */
export class GetPetitionHandler {
  constructor(
    @InjectModel(PetitionDocument.name) private readonly petitions: Model<PetitionDocument>,
    private readonly mapper: PetitionMapper,
  ) {}

  async list(query: PetitionFilter): Promise<Page<Petition>> {
    const sort = SORTS[query.sort ?? '-receivedAt'];
    return findPage(this.petitions, petitionFilter(query), { ...query, sort, projection: { outbox: 0, history: 0 } }, (d: PetitionDocument) =>
      this.mapper.toView(d),
    );
  }

  /**
   * Every change of the petition with who and when, oldest first, including the petitions
   * merged into it (read from their own records, where the merge was written).
   */
  async timeline(id: string): Promise<PetitionTimeline> {
    const doc = await this.petitions.findById(id, { caseNumber: 1, history: 1 }).lean().exec();
    if (!doc) throw new PetitionNotFoundError();
    const sources = await this.petitions
      .find({ 'mergedInto.petitionId': id }, { caseNumber: 1, history: 1 })
      .lean()
      .exec();
    const mergedIn = sources.flatMap((s) =>
      (s.history ?? [])
        .filter((e) => e.action === 'merged')
        .map((e) => entry('merged_in', e.by, e.at, { petitionId: s._id, caseNumber: s.caseNumber })),
    );
    return { petitionId: doc._id, caseNumber: doc.caseNumber, entries: sortTimeline([...(doc.history ?? []), ...mergedIn]) };
  }

  async execute(id: string): Promise<Petition> {
    const doc = await this.petitions.findById(id, { outbox: 0, history: 0 }).lean().exec();
    if (!doc) throw new PetitionNotFoundError();
    return this.mapper.toView(doc);
  }

  /** The petitioners in full; the controller audits every call. */
  async personalData(id: string): Promise<ReturnType<PetitionMapper['toPersonalDataView']>> {
    const doc = await this.petitions.findById(id, { outbox: 0 }).lean().exec();
    if (!doc) throw new PetitionNotFoundError();
    return this.mapper.toPersonalDataView(doc);
  }
}
