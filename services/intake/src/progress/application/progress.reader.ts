import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { orderedDecisions, type HandlingDecision, type PetitionProgress } from '../domain/progress';
import { PetitionProgressDocument } from '../infrastructure/petition-progress.schema';

/** Reads the progress of one petition; a petition nothing has happened to yet has none. */
@Injectable()
export class ProgressReader {
  constructor(@InjectModel(PetitionProgressDocument.name) private readonly progress: Model<PetitionProgressDocument>) {}

  async of(petitionId: string): Promise<PetitionProgress | undefined> {
    const doc = await this.progress.findById(petitionId).lean().exec();
    if (!doc) return undefined;
    return {
      petitionId: doc._id,
      caseNumber: doc.caseNumber,
      workUnit: doc.workUnit,
      responsibleBody: doc.responsibleBody,
      routedAt: doc.routedAt,
      caseId: doc.caseId,
      openedAt: doc.openedAt,
      handlingDueAt: doc.handlingDueAt,
      decisions: orderedDecisions(doc.decisions ?? []),
      ...(doc.extension ? { extension: doc.extension } : {}),
      ...(doc.service ? { service: doc.service } : {}),
      ...(doc.review ? { review: doc.review } : {}),
      ...(doc.reexamination ? { reexamination: doc.reexamination } : {}),
      ...(doc.ending ? { ending: doc.ending } : {}),
    };
  }

  /** The petition's handling decision with this id, if the petition has one. */
  async decision(petitionId: string, decisionId: string): Promise<HandlingDecision | undefined> {
    return (await this.of(petitionId))?.decisions.find((d) => d.decisionId === decisionId);
  }
}
