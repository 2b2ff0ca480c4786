import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_CONFIG } from '@pdmc/platform';
import type { IntakeConfig } from '../../config/intake.config';
import { evaluationState, isEvaluated, type EvaluableDecision, type EvaluationState } from '../domain/evaluation';
import { EvaluationRepository } from '../infrastructure/evaluation.repository';

/** For the petitioner's look-up: where each decision stands as to its evaluation. */
@Injectable()
export class EvaluationStates {
  constructor(
    private readonly repository: EvaluationRepository,
    @Inject(SERVICE_CONFIG) private readonly config: IntakeConfig,
  ) {}

  /** The state of every evaluated kind of decision among these, by decision id. */
  async of(decisions: readonly EvaluableDecision[], now = new Date()): Promise<Map<string, EvaluationState>> {
    const evaluated = decisions.filter(isEvaluated);
    const given = await this.repository.givenFor(evaluated.map((d) => d.decisionId));
    return new Map(
      evaluated.map((d) => [
        d.decisionId,
        evaluationState(d, given.get(d.decisionId), now, this.config.EVALUATION_WINDOW_DAYS),
      ]),
    );
  }
}
