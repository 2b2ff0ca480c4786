import { IsDateString, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID } from 'class-validator';
import { defineEvent } from '../event-definition';
import { WORK_UNITS, type WorkUnit } from '../work-units';

/** The satisfaction scale (满意 / 基本满意 / 不满意). */
export const SATISFACTION_RATINGS = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;
export type SatisfactionRating = (typeof SATISFACTION_RATINGS)[number];

export const EVALUATED_DECISION_KINDS = ['acceptance', 'handling'] as const;
export type EvaluatedDecisionKind = (typeof EVALUATED_DECISION_KINDS)[number];

/**
 * A petitioner evaluated a decision (信访工作条例 art. 21), separately for the petition bureau and,
 * where the decision was a unit's, for the responsible unit. One per decision. No personal data.
 */
export class EvaluationSubmittedV1 {
  @IsUUID() evaluationId!: string;
  @IsUUID() petitionId!: string;
  @IsString() @IsNotEmpty() caseNumber!: string;
  @IsIn(EVALUATED_DECISION_KINDS) decisionKind!: EvaluatedDecisionKind;
  @IsString() @IsNotEmpty() decisionId!: string;
  @IsOptional() @IsIn(WORK_UNITS) workUnit?: WorkUnit;
  @IsOptional() @IsString() @IsNotEmpty() responsibleBody?: string;
  @IsIn(SATISFACTION_RATINGS) bureau!: SatisfactionRating;
  @IsOptional() @IsIn(SATISFACTION_RATINGS) unit?: SatisfactionRating;
  @IsDateString() submittedAt!: string;
}

export const EVALUATION_SUBMITTED_V1 = defineEvent('intake.evaluation.submitted.v1', EvaluationSubmittedV1);
