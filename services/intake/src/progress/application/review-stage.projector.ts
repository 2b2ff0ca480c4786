import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type {
  CaseCeasedV1,
  CaseServedV1,
  CaseTerminatedV1,
  EventEnvelope,
  ReexaminationDecidedV1,
  ReexaminationRequestedV1,
  ReviewDecidedV1,
  ReviewRequestedV1,
} from '@pdmc/contracts';
import { isDuplicateKeyError } from '@pdmc/persistence';
import { PetitionProgressDocument } from '../infrastructure/petition-progress.schema';

/**
 * The steps after a decision that the petitioner may follow (issue #12 point 8): its service,
 * the review and the re-examination (asked, due, decided, the outcome) and the end of the case.
 * Each event sets only its own fields by path, in one upsert on the petition id, so the events
 * may come in any order and any number of times.
 */
@Injectable()
export class ReviewStageProjector {
  constructor(@InjectModel(PetitionProgressDocument.name) private readonly progress: Model<PetitionProgressDocument>) {}

  served(e: EventEnvelope<CaseServedV1>): Promise<void> {
    const p = e.payload;
    return this.set(p.petitionId, { service: { decisionId: p.decisionId, servedAt: new Date(p.servedAt), reviewRequestDueAt: new Date(p.reviewRequestDueAt) } });
  }

  reviewRequested(e: EventEnvelope<ReviewRequestedV1>): Promise<void> {
    const p = e.payload;
    return this.set(p.petitionId, { 'review.requestedAt': new Date(p.requestedAt), 'review.dueAt': new Date(p.dueAt) });
  }

  reviewDecided(e: EventEnvelope<ReviewDecidedV1>): Promise<void> {
    const p = e.payload;
    return this.set(p.petitionId, { 'review.outcome': p.outcome, 'review.decidedAt': new Date(p.decidedAt) });
  }

  reexaminationRequested(e: EventEnvelope<ReexaminationRequestedV1>): Promise<void> {
    const p = e.payload;
    return this.set(p.petitionId, { 'reexamination.requestedAt': new Date(p.requestedAt), 'reexamination.dueAt': new Date(p.dueAt) });
  }

  reexaminationDecided(e: EventEnvelope<ReexaminationDecidedV1>): Promise<void> {
    const p = e.payload;
    return this.set(p.petitionId, { 'reexamination.outcome': p.outcome, 'reexamination.decidedAt': new Date(p.decidedAt) });
  }

  ceased(e: EventEnvelope<CaseCeasedV1>): Promise<void> {
    return this.set(e.payload.petitionId, { 'ending.ceasedAt': new Date(e.payload.ceasedAt) });
  }

  terminated(p: CaseTerminatedV1): Promise<void> {
    return this.set(p.petitionId, { 'ending.terminatedAt': new Date(p.terminatedAt), 'ending.ground': p.ground });
  }

  /** One upsert; two first events for one petition at once both insert, and the loser retries as an update. */
  private async set(petitionId: string, fields: Record<string, unknown>): Promise<void> {
    const update = { $set: { ...fields, updatedAt: new Date() } };
    try {
      await this.progress.updateOne({ _id: petitionId }, update, { upsert: true, setDefaultsOnInsert: false }).exec();
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      await this.progress.updateOne({ _id: petitionId }, update).exec();
    }
  }
}
