import { Inject, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { trusted, type Model } from 'mongoose';
import { createEnvelope, PETITION_MERGED_V1 } from '@pdmc/contracts';
import { correlationIdOrNew, GAZETTEER, type Gazetteer, OutboxRelayService } from '@pdmc/platform';
import { Sequences, toOutbox } from '@pdmc/persistence';
import { completeFlags, formatMergedCaseNumber, type Petition } from '../domain/petition';
import { checkMerge } from '../domain/repeat';
import { entry } from '../domain/timeline';
import { PetitionDocument } from '../infrastructure/petition.schema';
import { PetitionMapper } from './petition.mapper';
import { PetitionStateConflictError } from './errors';
import { PetitionNotFoundError } from './errors';

const MERGE_MESSAGES: Record<string, string> = {
  'INTAKE.MERGE_SELF': 'A petition cannot be merged into itself',
  'INTAKE.MERGE_SOURCE_DECIDED': 'Only an undecided petition can be merged',
  'INTAKE.MERGE_TARGET_MERGED': 'The target was itself merged; merge into the petition it was merged into',
  'INTAKE.MERGE_SOURCE_IS_TARGET': 'Other petitions were merged into this one; merge the others into the target instead',
};

/**
 * Merges a duplicate into the petition that carries the matter (合并件). Without multi-document
 * transactions the steps are ordered so that any crash leaves a consistent state and a retry
 * completes it:
 * 1. the target gets its merged-case number, once (conditional on not having one);
 * 2. the source becomes `merged`, pointing at the target, with its timeline entry and
 *    `intake.petition.merged.v1`, in one conditional write.
 * The target's list of merged petitions is read from the sources (`mergedInto`), never stored
 * twice, so nothing can get out of step. Repeating a completed merge answers with the result.
 */
@Injectable()
export class MergePetitionHandler {
  constructor(
    @InjectModel(PetitionDocument.name) private readonly petitions: Model<PetitionDocument>,
    @Inject(GAZETTEER) private readonly gazetteer: Gazetteer,
    private readonly sequences: Sequences,
    private readonly relay: OutboxRelayService,
    private readonly mapper: PetitionMapper,
  ) {}

  async execute(sourceId: string, targetId: string, by: string): Promise<Petition> {
    const [source, target] = await Promise.all([
      this.petitions.findById(sourceId, { outbox: 0 }).lean().exec(),
      this.petitions.findById(targetId, { outbox: 0 }).lean().exec(),
    ]);
    if (!source) throw new PetitionNotFoundError();
    if (!target) {
      throw new PetitionStateConflictError('INTAKE.MERGE_TARGET_NOT_FOUND', 'No petition with the id given as intoPetitionId');
    }
    if (source.status === 'merged' && source.mergedInto?.petitionId === targetId) return this.mapper.toView(source);
    const hasMergedIn = (await this.petitions.countDocuments({ 'mergedInto.petitionId': sourceId }).exec()) > 0;
    const problem = checkMerge(
      { id: sourceId, status: source.status },
      { id: targetId, status: target.status },
      hasMergedIn,
    );
    if (problem) throw new PetitionStateConflictError(problem, MERGE_MESSAGES[problem] ?? problem);

    const now = new Date();
    const mergedCaseNumber = target.mergedCaseNumber ?? (await this.assignMergedCaseNumber(targetId, by, now));
    const into = { petitionId: targetId, caseNumber: target.caseNumber };
    const event = createEnvelope(
      PETITION_MERGED_V1,
      {
        petitionId: sourceId,
        caseNumber: source.caseNumber,
        mergedIntoPetitionId: targetId,
        mergedIntoCaseNumber: target.caseNumber,
        mergedCaseNumber,
        mergedAt: now.toISOString(),
      },
      { correlationId: correlationIdOrNew() },
    );
    const merged = await this.petitions
      .findOneAndUpdate(
        { _id: sourceId, status: 'registered' },
        {
          $set: { status: 'merged', mergedInto: into, mergedCaseNumber, flags: { ...completeFlags(source.flags), repeat: true } },
          $push: {
            history: entry('merged', by, now, { into: target.caseNumber, mergedCaseNumber }),
            outbox: { $each: toOutbox(event) },
          },
        },
        { returnDocument: 'after' },
      )
      .lean()
      .exec();
    if (!merged) {
      const now2 = await this.petitions.findById(sourceId, { outbox: 0 }).lean().exec();
      if (now2?.status === 'merged' && now2.mergedInto?.petitionId === targetId) return this.mapper.toView(now2);
      throw new PetitionStateConflictError('INTAKE.MERGE_SOURCE_DECIDED', MERGE_MESSAGES['INTAKE.MERGE_SOURCE_DECIDED']!);
    }
    this.relay.kick();
    return this.mapper.toView(merged);
  }

  /** The target's merged-case number: assigned once; a concurrent merge's number wins if first. */
  private async assignMergedCaseNumber(targetId: string, by: string, now: Date): Promise<string> {
    const year = now.getFullYear();
    const candidate = formatMergedCaseNumber(this.gazetteer.district.code, year, await this.sequences.next(`merged-case:${year}`));
    await this.petitions
      .updateOne(
        { _id: targetId, mergedCaseNumber: trusted({ $exists: false }) },
        { $set: { mergedCaseNumber: candidate }, $push: { history: entry('merge_target', by, now, { mergedCaseNumber: candidate }) } },
      )
      .exec();
    const target = await this.petitions.findById(targetId, { mergedCaseNumber: 1 }).lean().exec();
    if (!target?.mergedCaseNumber) throw new PetitionNotFoundError();
    return target.mergedCaseNumber;
  }
}
