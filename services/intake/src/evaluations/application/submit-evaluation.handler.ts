import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { createEnvelope, EVALUATION_SUBMITTED_V1, type EvaluationSubmittedV1 } from '@pdmc/contracts';
import { correlationIdOrNew, DomainError, OutboxRelayService, SERVICE_CONFIG, ValidationFailedError } from '@pdmc/platform';
import { toOutbox } from '@pdmc/persistence';
import type { IntakeConfig } from '../../config/intake.config';
import { ProgressReader } from '../../progress/application/progress.reader';
import { PetitionerVerification, type VerifiedPetition } from '../../petitioner-access/application/petitioner-verification';
import { NoMatchError } from '../../petitioner-access/application/errors';
import {
  acceptanceAsDecision,
  acceptanceDecisionId,
  checkEvaluation,
  handlingAsDecision,
  type EvaluableDecision,
} from '../domain/evaluation';
import { EvaluationRepository } from '../infrastructure/evaluation.repository';
import type { SubmitEvaluationCommand } from './evaluation.commands';
import type { SubmittedEvaluationView } from './evaluation.views';
import { AlreadyEvaluatedError } from './errors';

/**
 * The petitioner evaluates a decision on their petition: the same two factors as the look-up
 * (failures count towards the same lock), then the rules of domain/evaluation.ts, then one
 * insert that holds the evaluation and its event. A decision that is not this petition's gets
 * the same 404 as a wrong code.
 */
@Injectable()
export class SubmitEvaluationHandler {
  constructor(
    private readonly verification: PetitionerVerification,
    private readonly progress: ProgressReader,
    private readonly repository: EvaluationRepository,
    private readonly relay: OutboxRelayService,
    @Inject(SERVICE_CONFIG) private readonly config: IntakeConfig,
  ) {}

  async execute(dto: SubmitEvaluationCommand): Promise<SubmittedEvaluationView> {
    const petition = await this.verification.verify(dto.queryCode, dto.phoneLast4);
    const decision = await this.decisionOf(petition, dto.decisionId);
    if (!decision) throw new NoMatchError();

    const now = new Date();
    const ratings = { bureau: dto.bureau, ...(dto.unit ? { unit: dto.unit } : {}) };
    const problem = checkEvaluation(decision, ratings, now, this.config.EVALUATION_WINDOW_DAYS);
    if (problem?.status === 400) {
      const message =
        problem.code === 'INTAKE.UNIT_RATING_REQUIRED'
          ? 'unit: a handling decision is rated for the responsible unit too'
          : 'unit: an acceptance decision is rated for the petition bureau only';
      throw new ValidationFailedError([{ field: problem.field, rule: problem.code, message }]);
    }
    if (problem?.code === 'INTAKE.NOT_EVALUATED_DECISION') {
      throw new DomainError(problem.code, 'An accepted petition is evaluated at its handling decision, not at its acceptance', 409);
    }
    if (problem) {
      throw new DomainError(problem.code, `Evaluations are taken within ${this.config.EVALUATION_WINDOW_DAYS} days of the decision`, 409);
    }

    const evaluationId = randomUUID();
    const payload: EvaluationSubmittedV1 = {
      evaluationId,
      petitionId: petition._id,
      caseNumber: petition.caseNumber,
      decisionKind: decision.kind,
      decisionId: decision.decisionId,
      ...(decision.kind === 'handling' ? { workUnit: decision.workUnit, responsibleBody: decision.responsibleBody } : {}),
      bureau: ratings.bureau,
      ...(ratings.unit ? { unit: ratings.unit } : {}),
      submittedAt: now.toISOString(),
    };
    const event = createEnvelope(EVALUATION_SUBMITTED_V1, payload, { correlationId: correlationIdOrNew() });
    const stored = await this.repository.insert({
      _id: evaluationId,
      decisionId: decision.decisionId,
      decisionKind: decision.kind,
      petitionId: petition._id,
      caseNumber: petition.caseNumber,
      ...(decision.kind === 'handling' ? { workUnit: decision.workUnit, responsibleBody: decision.responsibleBody } : {}),
      bureau: ratings.bureau,
      ...(ratings.unit ? { unit: ratings.unit } : {}),
      decidedAt: decision.decidedAt,
      submittedAt: now,
      outbox: toOutbox(event),
    });
    if (!stored) throw new AlreadyEvaluatedError();
    this.relay.kick();
    return {
      id: evaluationId,
      decisionId: decision.decisionId,
      decisionKind: decision.kind,
      bureau: ratings.bureau,
      unit: ratings.unit ?? null,
      submittedAt: now,
    };
  }

  /** The decision with this id on this petition (its acceptance, or one of its handling decisions). */
  private async decisionOf(petition: VerifiedPetition, decisionId: string): Promise<EvaluableDecision | undefined> {
    if (decisionId === acceptanceDecisionId(petition.caseNumber)) {
      return petition.acceptance ? acceptanceAsDecision(petition.caseNumber, petition.acceptance) : undefined;
    }
    const handling = await this.progress.decision(petition._id, decisionId);
    return handling ? handlingAsDecision(handling) : undefined;
  }
}
