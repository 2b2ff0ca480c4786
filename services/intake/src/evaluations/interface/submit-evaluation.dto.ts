import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { SATISFACTION_RATINGS, type SatisfactionRating } from '@pdmc/contracts';
import { PetitionStatusQueryDto } from '../../petitioner-access/interface/petition-status.query';
import type { SubmitEvaluationCommand } from '../application/evaluation.commands';

/** A handling decision's UUID, or `<case number>:acceptance` for the acceptance decision. */
const DECISION_ID = /^(?:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|[0-9A-Za-z-]{1,40}:acceptance)$/;

const RATINGS_TEXT = '`satisfied` 满意, `basically_satisfied` 基本满意, `dissatisfied` 不满意';

export class SubmitEvaluationDto extends PetitionStatusQueryDto implements SubmitEvaluationCommand {
  @ApiProperty({
    example: '3f0c1a52-8d4b-4e55-9b0e-6a1c2d3e4f50',
    description:
      'The decision evaluated, as the look-up lists it: a handling decision’s id, or `<case number>:acceptance` ' +
      '(e.g. `220106-2026-000042:acceptance`) for an acceptance decision that ended the petition at the centre ' +
      '(not accepted or forwarded).',
  })
  @Matches(DECISION_ID, { message: 'decisionId must be a decision id from the look-up' })
  decisionId!: string;

  @ApiProperty({ enum: SATISFACTION_RATINGS, example: 'basically_satisfied', description: `The petition bureau: ${RATINGS_TEXT}` })
  @IsIn(SATISFACTION_RATINGS)
  bureau!: SatisfactionRating;

  @ApiPropertyOptional({
    enum: SATISFACTION_RATINGS,
    example: 'satisfied',
    description: `The responsible unit: ${RATINGS_TEXT}. Required for a handling decision, refused for an acceptance decision.`,
  })
  @IsOptional()
  @IsIn(SATISFACTION_RATINGS)
  unit?: SatisfactionRating;
}
