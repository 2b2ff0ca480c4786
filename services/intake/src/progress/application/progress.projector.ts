import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { trusted, type Model, type UpdateQuery } from 'mongoose';
import type { CaseDecidedV1, CaseOpenedV1, EventEnvelope, ExtensionGrantedV1, PetitionRoutedV1 } from '@pdmc/contracts';
import { isDuplicateKeyError } from '@pdmc/persistence';
import type { HandlingDecision, HandlingExtension } from '../domain/progress';
import { PetitionProgressDocument } from '../infrastructure/petition-progress.schema';

/**
 * Keeps `petition_progress` from routing's and handling's events. Every update is an upsert on
 * the petition id that sets only what its event knows, so the events may come in any order and
 * any number of times and still leave one document with the same content:
 *
 * - routed sets the work unit and responsible body, unless a later routing is already there;
 * - case opened sets the case id, opening time and 60-day limit (one case per petition);
 * - case decided adds the decision to a set (the same decision twice is one entry);
 * - extension granted sets the one extension (art. 34 allows one per case).
 *
 * Two first events for one petition at once both try to insert; the loser gets a duplicate key
 * and retries once, now as an update.
 */
@Injectable()
export class ProgressProjector {
  constructor(@InjectModel(PetitionProgressDocument.name) private readonly progress: Model<PetitionProgressDocument>) {}

  async routed(event: EventEnvelope<PetitionRoutedV1>): Promise<void> {
    const p = event.payload;
    const routedAt = new Date(event.occurredAt);
    // An older routing arriving late must not overwrite a newer one. Operators built here, not
    // taken from input, are marked trusted for sanitizeFilter.
    const notNewer = [{ routedAt: trusted({ $exists: false }) }, { routedAt: trusted({ $lte: routedAt }) }];
    await this.upsert(
      { _id: p.petitionId, $or: notNewer },
      {
        $set: {
          caseNumber: p.caseNumber,
          workUnit: p.workUnit,
          responsibleBody: p.responsibleBody,
          routedAt,
          updatedAt: new Date(),
        },
      },
      { staleIsDone: true },
    );
  }

  async caseOpened(event: EventEnvelope<CaseOpenedV1>): Promise<void> {
    const p = event.payload;
    await this.upsert(
      { _id: p.petitionId },
      {
        $set: {
          caseNumber: p.caseNumber,
          caseId: p.caseId,
          openedAt: new Date(p.openedAt),
          handlingDueAt: new Date(p.dueAt),
          updatedAt: new Date(),
        },
      },
    );
  }

  async caseDecided(event: EventEnvelope<CaseDecidedV1>): Promise<void> {
    const p = event.payload;
    // Built field by field in a fixed order, so a redelivery yields an equal value for $addToSet.
    const decision: HandlingDecision = {
      decisionId: p.decisionId,
      caseId: p.caseId,
      outcome: p.outcome,
      decidedAt: new Date(p.decidedAt),
      reviewRequestDueAt: new Date(p.reviewRequestDueAt),
      workUnit: p.workUnit,
      responsibleBody: p.responsibleBody,
    };
    await this.upsert(
      { _id: p.petitionId },
      { $set: { caseNumber: p.caseNumber, updatedAt: new Date() }, $addToSet: { decisions: decision } },
    );
  }

  async extensionGranted(event: EventEnvelope<ExtensionGrantedV1>): Promise<void> {
    const p = event.payload;
    const extension: HandlingExtension = {
      extensionId: p.extensionId,
      days: p.days,
      reason: p.reason,
      previousDueAt: new Date(p.previousDueAt),
      dueAt: new Date(p.dueAt),
      grantedAt: new Date(p.grantedAt),
    };
    await this.upsert({ _id: p.petitionId }, { $set: { caseNumber: p.caseNumber, extension, updatedAt: new Date() } });
  }

  /**
   * One upsert, retried once after a duplicate key (another upsert inserted the document first).
   * With a guarded filter, a duplicate key on the retry means the document exists and the guard
   * did not match: the event is older than what is stored, and there is nothing to do.
   */
  private async upsert(
    filter: Record<string, unknown>,
    update: UpdateQuery<PetitionProgressDocument>,
    options: { staleIsDone?: boolean } = {},
  ): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.progress.updateOne(filter, update, { upsert: true, setDefaultsOnInsert: false }).exec();
        return;
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        if (attempt >= 2) {
          if (options.staleIsDone) return;
          throw error;
        }
      }
    }
  }
}
