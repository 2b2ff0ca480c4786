import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { randomUUID } from 'node:crypto';
import type { Model } from 'mongoose';
import { ROLE_PERMISSIONS, type Principal } from '@pdmc/auth';
import { CASE_DECIDED_V1, createEnvelope, type CaseDecidedV1 } from '@pdmc/contracts';
import { correlationIdOrNew, DomainError, OutboxRelayService, scopedFilter } from '@pdmc/platform';
import { toOutbox } from '@pdmc/persistence';
import { canBeDecided, reviewRequestDueAt, type Case } from '../domain/case';
import { CaseDocument, type CaseDecisionRecord } from '../infrastructure/case.schema';
import type { DecideCaseDto } from '../interface/decide-case.dto';
import { CASE_SCOPE, toCase } from './case-view';
import { CaseNotFoundError } from './find-cases.handler';

export class AlreadyDecidedError extends DomainError {
  constructor() {
    super('HANDLING.ALREADY_DECIDED', 'The case already has its written decision', 409);
  }
}

/**
 * The decided event: ids, outcome and dates, copied field by field, so that the request, the
 * facts and the legal basis (free text that may name people) never leave handling.
 */
function decidedPayload(c: Pick<CaseDocument, '_id' | 'petitionId' | 'caseNumber' | 'workUnit' | 'responsibleBody'>, d: CaseDecisionRecord): CaseDecidedV1 {
  return {
    decisionId: d.id,
    caseId: c._id,
    petitionId: c.petitionId,
    caseNumber: c.caseNumber,
    workUnit: c.workUnit,
    responsibleBody: c.responsibleBody,
    outcome: d.outcome,
    decidedAt: d.decidedAt.toISOString(),
    reviewRequestDueAt: d.reviewRequestDueAt.toISOString(),
  };
}

/**
 * The principal as far as deciding goes: only the roles that grant `case.decide` (unit handler and
 * head, scoped to their units). For a single-role user this is the scope of `GET /cases/:id`;
 * for a user with several roles, the others (a liaison's bodies, a centre-wide reading role)
 * widen what the user may read, never which cases the user may decide.
 */
function asDecider(principal: Principal): Principal {
  return { ...principal, roles: principal.roles.filter((role) => ROLE_PERMISSIONS[role].includes('case.decide')) };
}

/**
 * Records the written handling decision of a case, once (信访工作条例 art. 31-33). The status
 * change, the decision and its event are one conditional single-document update (only a case
 * still `open` changes), so two handlers deciding at once cannot both win and the event cannot
 * be lost.
 */
@Injectable()
export class DecideCaseHandler {
  constructor(
    @InjectModel(CaseDocument.name) private readonly cases: Model<CaseDocument>,
    private readonly relay: OutboxRelayService,
  ) {}

  async execute(id: string, dto: DecideCaseDto, principal: Principal): Promise<Case> {
    // Scoped like reading the case: another unit's case is "not found".
    const filter = scopedFilter({ _id: id }, asDecider(principal), CASE_SCOPE);
    const current = await this.cases.findOne(filter, { outbox: 0 }).lean().exec();
    if (!current) throw new CaseNotFoundError();
    if (!canBeDecided(current.status)) throw new AlreadyDecidedError();

    const decidedAt = new Date();
    const decision: CaseDecisionRecord = {
      id: randomUUID(),
      outcome: dto.outcome,
      request: dto.request,
      facts: dto.facts,
      legalBasis: dto.legalBasis,
      mediationAgreement: dto.mediationAgreement ?? false,
      decidedAt,
      decidedBy: principal.subject,
      reviewRequestDueAt: reviewRequestDueAt(decidedAt),
    };
    const event = createEnvelope(CASE_DECIDED_V1, decidedPayload(current, decision), { correlationId: correlationIdOrNew() });
    const updated = await this.cases
      .findOneAndUpdate(
        { _id: id, status: 'open' },
        { $set: { status: 'decided', decision }, $push: { outbox: { $each: toOutbox(event) } } },
        // No projection: FerretDB's findAndModify does not support one.
        { returnDocument: 'after' },
      )
      .lean()
      .exec();
    if (!updated) throw new AlreadyDecidedError();
    this.relay.kick();
    return toCase(updated);
  }
}
