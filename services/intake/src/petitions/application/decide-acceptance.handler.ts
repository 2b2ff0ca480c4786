import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { createEnvelope, PETITION_ACCEPTED_V1, PETITION_DECLINED_V1, type PetitionAcceptedV1 } from '@pdmc/contracts';
import { correlationIdOrNew, DomainError, OutboxRelayService, ValidationFailedError } from '@pdmc/platform';
import { toOutbox } from '@pdmc/persistence';
import { checkDecision, statusAfter, type AcceptanceDecision } from '../domain/acceptance';
import type { Petition } from '../domain/petition';
import { PetitionDocument } from '../infrastructure/petition.schema';
import type { AcceptanceDecisionDto } from '../interface/acceptance-decision.dto';
import { PetitionMapper } from './petition.mapper';
import { PetitionNotFoundError } from './register-petition.handler';

export class AlreadyDecidedError extends DomainError {
  constructor(status: string) {
    super('INTAKE.ALREADY_DECIDED', `The acceptance decision was already made (status ${status})`, 409);
  }
}

/** What the decision reads: the status, and the routing facts the accepted event carries. */
const ROUTING_FACTS = {
  caseNumber: 1,
  status: 1,
  channel: 1,
  itemClass: 1,
  category: 1,
  townCode: 1,
  headcount: 1,
  flags: 1,
  receivedAt: 1,
} as const;

type RoutingFacts = Pick<
  PetitionDocument,
  'caseNumber' | 'channel' | 'itemClass' | 'category' | 'townCode' | 'headcount' | 'flags' | 'receivedAt'
>;

/**
 * The accepted event: what routing needs to pick the work unit, copied field by field from the
 * stored petition so that nothing else (petitioners, subject, description) can slip in.
 */
function acceptedPayload(petitionId: string, p: RoutingFacts, acceptedAt: Date): PetitionAcceptedV1 {
  const { category, flags } = p;
  return {
    petitionId,
    caseNumber: p.caseNumber,
    channel: p.channel,
    itemClass: p.itemClass,
    category: { id: category.id, level1: category.level1, level2: category.level2, level3: category.level3 },
    townCode: p.townCode,
    headcount: p.headcount,
    flags: {
      collective: flags.collective,
      repeat: flags.repeat,
      escalated: flags.escalated,
      abnormal: flags.abnormal,
      threatOfExtremeAction: flags.threatOfExtremeAction,
    },
    receivedAt: new Date(p.receivedAt).toISOString(),
    acceptedAt: acceptedAt.toISOString(),
  };
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

  async execute(id: string, dto: AcceptanceDecisionDto, decidedBy: string): Promise<Petition> {
    const problem = checkDecision(dto.decision, dto.reason, dto.forwardTo);
    if (problem) {
      throw new ValidationFailedError([{ field: problem.field, rule: problem.code, message: `${problem.field}: ${problem.code}` }]);
    }
    const current = await this.petitions.findById(id, ROUTING_FACTS).lean().exec();
    if (!current) throw new PetitionNotFoundError();

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
        ? createEnvelope(PETITION_ACCEPTED_V1, acceptedPayload(id, current, decidedAt), context)
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
        { $set: { status: statusAfter(dto.decision), acceptance: decision }, $push: { outbox: { $each: toOutbox(event) } } },
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
