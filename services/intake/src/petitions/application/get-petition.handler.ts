import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { Petition } from '../domain/petition';
import { PetitionDocument } from '../infrastructure/petition.schema';
import { PetitionMapper } from './petition.mapper';
import { PetitionNotFoundError } from './register-petition.handler';
import type { ListPetitionsQuery } from '../interface/list-petitions.query';

@Injectable()
/** Reads petitions for clerks: one by id, or a filtered page. */
export class GetPetitionHandler {
  constructor(
    @InjectModel(PetitionDocument.name) private readonly petitions: Model<PetitionDocument>,
    private readonly mapper: PetitionMapper,
  ) {}

  async list(query: ListPetitionsQuery): Promise<{ items: Petition[]; total: number; page: number; pageSize: number }> {
    const filter: Record<string, string> = {};
    if (query.channel) filter['channel'] = query.channel;
    if (query.townCode) filter['townCode'] = query.townCode;
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const [docs, total] = await Promise.all([
      this.petitions
        .find(filter, { outbox: 0 })
        .sort({ receivedAt: -1, _id: 1 })
        .skip((page - 1) * pageSize)
        .limit(pageSize)
        .lean()
        .exec(),
      this.petitions.countDocuments(filter).exec(),
    ]);
    return { items: docs.map((d) => this.mapper.toView(d)), total, page, pageSize };
  }

  async execute(id: string): Promise<Petition> {
    const doc = await this.petitions.findById(id).lean().exec();
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
