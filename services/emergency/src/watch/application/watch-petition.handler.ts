import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { EventEnvelope, PetitionRegisteredV1 } from '@pdmc/contracts';
import { isDuplicateKeyError } from '@pdmc/persistence';
import { assessRisk } from '../domain/watch-item';
import { WatchItemDocument } from '../infrastructure/watch-item.schema';

/** Puts risky petitions on the duty officer's watch list as soon as they are registered. */
@Injectable()
export class WatchPetitionHandler {
  constructor(@InjectModel(WatchItemDocument.name) private readonly items: Model<WatchItemDocument>) {}

  async execute(event: EventEnvelope<PetitionRegisteredV1>): Promise<void> {
    const p = event.payload;
    const risk = assessRisk(p.flags);
    if (!risk) return;
    try {
      await this.items.create({
        _id: p.petitionId,
        caseNumber: p.caseNumber,
        townCode: p.townCode,
        headcount: p.headcount,
        ...risk,
        receivedAt: new Date(p.receivedAt),
        createdAt: new Date(),
      });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }
}
