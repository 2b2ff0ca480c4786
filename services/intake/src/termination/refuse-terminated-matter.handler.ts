import { Injectable, Logger } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { createEnvelope, PETITION_DECLINED_V1, type CaseTerminatedV1 } from '@pdmc/contracts';
import { correlationIdOrNew, OutboxRelayService } from '@pdmc/platform';
import { insertIfAbsent, toOutbox } from '@pdmc/persistence';
import type { AcceptanceDecision, NotAcceptedReason } from '../petitions/domain/acceptance';
import { entry } from '../petitions/domain/timeline';
import { PetitionDocument } from '../petitions/infrastructure/petition.schema';
import { TerminatedCaseDocument, TerminationRefusalDocument } from './terminated-case.schema';

/** The fixed reason intake records for a terminated matter (art. 36-37). */
const REASON: NotAcceptedReason = 'terminated_after_reexamination';
const DECIDED_BY = 'system:termination';

/**
 * After re-examination (or once the windows passed) the same facts and reasons are not accepted
 * again (信访工作条例 art. 36-37). Intake still registers the petition, then records it as not
 * accepted with the fixed reason and keeps which terminated case it repeats. "Same matter" is
 * intake's repeat rule: the same person, the same category leaf (the petition's `repeatOf`).
 */
@Injectable()
export class RefuseTerminatedMatterHandler {
  private readonly logger = new Logger(RefuseTerminatedMatterHandler.name);

  constructor(
    @InjectModel(PetitionDocument.name) private readonly petitions: Model<PetitionDocument>,
    @InjectModel(TerminatedCaseDocument.name) private readonly terminated: Model<TerminatedCaseDocument>,
    @InjectModel(TerminationRefusalDocument.name) private readonly refusals: Model<TerminationRefusalDocument>,
    private readonly relay: OutboxRelayService,
  ) {}

  /** Handling terminated a case: remember it, and refuse the repeats already waiting for a decision. */
  async caseTerminated(event: CaseTerminatedV1): Promise<void> {
    await this.terminated
      .updateOne(
        { _id: event.petitionId },
        {
          $setOnInsert: {
            caseId: event.caseId,
            caseNumber: event.caseNumber,
            ground: event.ground,
            terminatedAt: new Date(event.terminatedAt),
          },
        },
        { upsert: true },
      )
      .exec();
    const waiting = await this.petitions
      .find({ 'repeatOf.petitionId': event.petitionId, status: 'registered' }, { _id: 1 })
      .limit(1000)
      .lean()
      .exec();
    for (const p of waiting) await this.refuse(String(p._id), event.petitionId, event.caseNumber);
  }

  /** A petition was registered: refuse it when it repeats a terminated matter. */
  async petitionRegistered(petitionId: string): Promise<void> {
    const petition = await this.petitions.findById(petitionId, { repeatOf: 1, status: 1 }).lean().exec();
    if (!petition?.repeatOf || petition.status !== 'registered') return;
    const terminated = await this.terminated.findById(petition.repeatOf.petitionId).lean().exec();
    if (!terminated) return;
    await this.refuse(petitionId, terminated._id, terminated.caseNumber);
  }

  /**
   * The acceptance decision, written like a clerk's (one conditional update on a still
   * `registered` petition, with its timeline entry and its declined event), and naming the
   * terminated case in the timeline.
   */
  private async refuse(petitionId: string, terminatedPetitionId: string, terminatedCaseNumber: string): Promise<void> {
    const current = await this.petitions.findById(petitionId, { caseNumber: 1, status: 1 }).lean().exec();
    if (current?.status === 'registered') {
      const decidedAt = new Date();
      const decision: AcceptanceDecision = { kind: 'not_accept', reason: REASON, decidedAt, decidedBy: DECIDED_BY };
      const event = createEnvelope(
        PETITION_DECLINED_V1,
        { petitionId, caseNumber: current.caseNumber, decision: 'not_accept', reason: REASON, decidedAt: decidedAt.toISOString() },
        { correlationId: correlationIdOrNew() },
      );
      const updated = await this.petitions
        .findOneAndUpdate(
          { _id: petitionId, status: 'registered' },
          {
            $set: { status: 'not_accepted', acceptance: decision },
            $push: {
              history: entry('not_accepted', DECIDED_BY, decidedAt, { reason: REASON, terminatedCaseNumber }),
              outbox: { $each: toOutbox(event) },
            },
          },
          // No projection: FerretDB's findAndModify does not support one.
          { returnDocument: 'after' },
        )
        .lean()
        .exec();
      if (updated) {
        this.relay.kick();
        this.logger.log(`Petition ${petitionId} not accepted: its matter was terminated as case ${terminatedCaseNumber}`);
      }
    }
    // A clerk who decided first keeps the decision; only this handler's refusals get a record.
    const after = await this.petitions.findById(petitionId, { acceptance: 1 }).lean().exec();
    if (after?.acceptance?.decidedBy !== DECIDED_BY) return;
    await insertIfAbsent(this.refusals, { _id: petitionId, terminatedPetitionId, terminatedCaseNumber, refusedAt: new Date() });
  }
}
