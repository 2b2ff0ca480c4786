import { IsDateString, IsIn, IsNotEmpty, IsString, IsUUID } from 'class-validator';
import { defineEvent } from '../event-definition';
import { WORK_UNITS, type WorkUnit } from '../work-units';

/** The petitioner requested a review (复查, art. 35); the REVIEW unit decides by `dueAt`. */
export class ReviewRequestedV1 {
  @IsUUID() caseId!: string;
  @IsUUID() petitionId!: string;
  @IsString() @IsNotEmpty() caseNumber!: string;
  @IsIn(WORK_UNITS) workUnit!: WorkUnit;
  @IsIn(['look_up', 'clerk', 'letter', 'visit']) channel!: string;
  @IsDateString() requestedAt!: string;
  @IsDateString() dueAt!: string;
}

export const REVIEW_REQUESTED_V1 = defineEvent('handling.review.requested.v1', ReviewRequestedV1);
