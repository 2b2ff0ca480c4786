import { Inject, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { trusted, type Model } from 'mongoose';
import { findPage, type Page } from '@pdmc/persistence';
import { DomainError, GAZETTEER, type Gazetteer } from '@pdmc/platform';
import { renderNotice, renderReceipt } from '../domain/notice';
import type { Petition } from '../domain/petition';
import { PetitionDocument } from '../infrastructure/petition.schema';
import { PetitionMapper } from './petition.mapper';
import { PetitionerProtection } from '../petitioners/application/petitioner-protection';
import { PetitionNotFoundError } from './errors';
import { petitionFilter } from './get-petition.handler';
import type { AcceptanceQueueFilter } from './petition.commands';

/** The clerk's queue of undecided petitions, and the written notice once decided. */
@Injectable()
export class AcceptanceQueriesHandler {
  constructor(
    @InjectModel(PetitionDocument.name) private readonly petitions: Model<PetitionDocument>,
    @Inject(GAZETTEER) private readonly gazetteer: Gazetteer,
    private readonly mapper: PetitionMapper,
    private readonly protection: PetitionerProtection,
  ) {}

  /**
   * Undecided petitions, the nearest deadline first (overdue ones lead), narrowed by the
   * search's filters and by overdue / classified. Always `registered`: a status filter is ignored.
   */
  async queue(query: AcceptanceQueueFilter): Promise<Page<Petition>> {
    const filter: Record<string, unknown> = { ...petitionFilter(query), status: 'registered' };
    if (query.overdue !== undefined) filter['acceptanceDueAt'] = trusted(query.overdue ? { $lt: new Date() } : { $gte: new Date() });
    // Petitions from before classification was recorded were all entered, and so confirmed, by clerks.
    if (query.classified !== undefined) filter['classification.confirmed'] = query.classified ? trusted({ $ne: false }) : false;
    const sort = { acceptanceDueAt: 1, _id: 1 } as const;
    return findPage(this.petitions, filter, { ...query, sort, projection: { outbox: 0 } }, (d: PetitionDocument) => this.mapper.toView(d));
  }

  /** The registration receipt (登记回执), printable from the moment the petition is registered. */
  async receipt(id: string): Promise<string> {
    const doc = await this.petitions.findById(id, { outbox: 0, history: 0 }).lean().exec();
    if (!doc) throw new PetitionNotFoundError();
    return renderReceipt({
      caseNumber: doc.caseNumber,
      queryCode: doc.queryCode,
      subject: doc.subject,
      channel: doc.channel,
      receivedAt: doc.receivedAt,
      acceptanceDueAt: doc.acceptanceDueAt,
      petitionerNames: (doc.petitioners ?? []).map((p) => this.protection.reveal(p).name),
      registeredAt: doc.registeredAt,
      centreName: `${this.gazetteer.district.name}人民内部矛盾调处中心`,
    });
  }

  async notice(id: string): Promise<string> {
    const doc = await this.petitions.findById(id, { outbox: 0 }).lean().exec();
    if (!doc) throw new PetitionNotFoundError();
    if (!doc.acceptance) throw new DomainError('INTAKE.NOT_DECIDED', 'No acceptance decision yet; there is no notice to print', 409);
    return renderNotice({
      caseNumber: doc.caseNumber,
      queryCode: doc.queryCode,
      subject: doc.subject,
      receivedAt: doc.receivedAt,
      petitionerNames: (doc.petitioners ?? []).map((p) => this.protection.reveal(p).name),
      decision: doc.acceptance,
      centreName: `${this.gazetteer.district.name}人民内部矛盾调处中心`,
    });
  }
}
