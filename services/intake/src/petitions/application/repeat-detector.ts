import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { trusted, type Model } from 'mongoose';
import type { EarlierPetition } from '../domain/repeat';
import { PetitionDocument } from '../infrastructure/petition.schema';

const EARLIER_FIELDS = { caseNumber: 1, category: 1, status: 1, receivedAt: 1, repeatOf: 1 } as const;

/** Reads the earlier petitions of registry persons, as the repeat rules (domain/repeat.ts) need them. */
@Injectable()
export class RepeatDetector {
  constructor(@InjectModel(PetitionDocument.name) private readonly petitions: Model<PetitionDocument>) {}

  async earlierPetitionsOf(personIds: ReadonlyArray<string | undefined>, exceptId?: string): Promise<EarlierPetition[]> {
    const ids = [...new Set(personIds.filter((id): id is string => id !== undefined))];
    if (!ids.length) return [];
    const docs = await this.petitions
      .find({ 'petitioners.personId': trusted({ $in: ids }) }, EARLIER_FIELDS)
      .sort({ receivedAt: 1 })
      .limit(500)
      .lean()
      .exec();
    return docs
      .filter((d) => d._id !== exceptId)
      .map((d) => ({
        id: d._id,
        caseNumber: d.caseNumber,
        ...(d.category ? { categoryId: d.category.id } : {}),
        status: d.status,
        receivedAt: d.receivedAt,
        ...(d.repeatOf ? { repeatOf: d.repeatOf } : {}),
      }));
  }
}
