import { IsDateString, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID } from 'class-validator';
import { defineEvent } from '../event-definition';
import { WORK_UNITS, type WorkUnit } from '../work-units';

/** The REVIEW unit decided a review: uphold, change, or order re-handling by the original unit (`dueAt` is then its new limit). */
export class ReviewDecidedV1 {
  @IsUUID() caseId!: string;
  @IsUUID() petitionId!: string;
  @IsString() @IsNotEmpty() caseNumber!: string;
  @IsIn(WORK_UNITS) workUnit!: WorkUnit;
  @IsIn(['uphold', 'change', 'rehandle']) outcome!: string;
  @IsDateString() decidedAt!: string;
  @IsOptional() @IsDateString() dueAt?: string;
}

export const REVIEW_DECIDED_V1 = defineEvent('handling.review.decided.v1', ReviewDecidedV1);
