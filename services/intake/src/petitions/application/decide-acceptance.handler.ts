import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { createEnvelope, PETITION_ACCEPTED_V1, PETITION_DECLINED_V1, type PetitionAcceptedV1 } from '@pdmc/contracts';
import { correlationIdOrNew, OutboxRelayService, ValidationFailedError } from '@pdmc/platform';
import { toOutbox } from '@pdmc/persistence';
import { checkDecision, statusAfter, type AcceptanceDecision } from '../domain/acceptance';
import type { CategoryRef, Petition } from '../domain/petition';
import { entry } from '../domain/timeline';
import { PetitionDocument } from '../infrastructure/petition.schema';
import type { AcceptanceDecisionCommand } from './petition.commands';
import { PetitionMapper } from './petition.mapper';
import { registeredPayload } from './petition-events';
import { AlreadyDecidedError, PetitionNotFoundError } from './errors';
import { PetitionStateConflictError } from './errors';

/** What the decision reads: the status, and the routing facts the accepted event carries. */
const ROUTING_FACTS = {
  caseNumber: 1,
  status: 1,
  classification: 1,
  repeatOf: 1,
  mergedInto: 1,
  referral: 1,
  channel: 1,
  itemClass: 1,
  category: 1,
  townCode: 1,
  headcount: 1,
  flags: 1,
  receivedAt: 1,
} as const;

/**
 * The accepted event: what routing needs to pick the work unit, the same facts as the
 * registered event (copied field by field so that petitioners, subject and description cannot
 * slip in), plus `acceptedAt`.
 */
function acceptedPayload(doc: Omit<PetitionDocument, 'outbox'>, category: CategoryRef, acceptedAt: Date): PetitionAcceptedV1 {
  return { ...registeredPayload(doc, category), acceptedAt: acceptedAt.toISOString() };
}

/**
 * Records the acceptance decision once. The state change and its event are one conditional
 * single-document update (only a petition still `registered` changes), so two clerks deciding
 * at once cannot both win and the event cannot be lost.
 */
@Injectable()
export class DecideAcceptanceHandler {
  constructor(
    @InjectModel(PetitionDocument.name) private readonly petitions: Model<PetitionDocument>,
    private readonly relay: OutboxRelayService,
    private readonly mapper: PetitionMapper,
  ) {}

  async execute(id: string, dto: AcceptanceDecisionCommand, decidedBy: string): Promise<Petition> {
    const problem = checkDecision(dto.decision, dto.reason, dto.forwardTo);
    if (problem) {
      throw new ValidationFailedError([{ field: problem.field, rule: problem.code, message: `${problem.field}: ${problem.code}` }]);
    }
    const current = await this.petitions.findById(id, ROUTING_FACTS).lean().exec();
    if (!current) throw new PetitionNotFoundError();
    if (current.status !== 'registered') throw new AlreadyDecidedError(current.status);
    if (dto.decision === 'accept') {
      // A second live case for the same matter is what the centre exists to prevent (art. 19-20).
      if (current.repeatOf) {
        throw new PetitionStateConflictError(
          'INTAKE.REPEAT_PETITION',
          `Repeats ${current.repeatOf.caseNumber}: merge it into that petition, or clear the repeat flag if it is another matter`,
        );
      }
      if (!(current.classification?.confirmed ?? true) || !current.category) {
        throw new PetitionStateConflictError(
          'INTAKE.CLASSIFICATION_UNCONFIRMED',
          'Confirm the category before accepting (POST /petitions/:id/classification)',
        );
      }
    }

    const decidedAt = new Date();
    const decision: AcceptanceDecision = {
      kind: dto.decision,
      ...(dto.reason ? { reason: dto.reason } : {}),
      ...(dto.forwardTo ? { forwardTo: dto.forwardTo } : {}),
      decidedAt,
      decidedBy,
    };
    const context = { correlationId: correlationIdOrNew() };
    const event =
      dto.decision === 'accept'
        ? createEnvelope(PETITION_ACCEPTED_V1, acceptedPayload(current, current.category!, decidedAt), context)
        : createEnvelope(
            PETITION_DECLINED_V1,
            {
              petitionId: id,
              caseNumber: current.caseNumber,
              decision: dto.decision,
              ...(dto.reason ? { reason: dto.reason } : {}),
              ...(dto.forwardTo ? { forwardTo: dto.forwardTo } : {}),
              decidedAt: decidedAt.toISOString(),
            },
            context,
          );
    const updated = await this.petitions
      .findOneAndUpdate(
        { _id: id, status: 'registered' },
        {
          $set: { status: statusAfter(dto.decision), acceptance: decision },
          $push: {
            history: entry(statusAfter(dto.decision), decidedBy, decidedAt, {
              ...(dto.reason ? { reason: dto.reason } : {}),
              ...(dto.forwardTo ? { forwardTo: dto.forwardTo } : {}),
            }),
            outbox: { $each: toOutbox(event) },
          },
        },
        // No projection: FerretDB's findAndModify does not support one.
        { returnDocument: 'after' },
      )
      .lean()
      .exec();
    if (!updated) throw new AlreadyDecidedError(current.status);
    this.relay.kick();
    return this.mapper.toView(updated);
  }
}
