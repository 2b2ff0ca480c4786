import { IsDateString, IsIn, IsNotEmpty, IsString, IsUUID } from 'class-validator';
import { defineEvent } from '../event-definition';
import { WORK_UNITS, type WorkUnit } from '../work-units';

/** Outcomes of a written handling decision (信访处理意见书, art. 32): support, explain, not support. */
export const HANDLING_OUTCOMES = ['support', 'explain', 'not_support'] as const;
export type HandlingOutcome = (typeof HANDLING_OUTCOMES)[number];

/**
 * A work unit issued the written handling decision of a case. Carries the outcome and dates the
 * petitioner may see (and the 30-day window to request a review, art. 35); not the facts, the
 * reasoning or any personal data, which stay in handling.
 */
export class CaseDecidedV1 {
  @IsUUID() decisionId!: string;
  @IsUUID() caseId!: string;
  @IsUUID() petitionId!: string;
  @IsString() @IsNotEmpty() caseNumber!: string;
  @IsIn(WORK_UNITS) workUnit!: WorkUnit;
  @IsString() @IsNotEmpty() responsibleBody!: string;
  @IsIn(HANDLING_OUTCOMES) outcome!: HandlingOutcome;
  @IsDateString() decidedAt!: string;
  /** Last day to request a review (复查), 30 days after the decision. */
  @IsDateString() reviewRequestDueAt!: string;
}

export const CASE_DECIDED_V1 = defineEvent('handling.case.decided.v1', CaseDecidedV1);
