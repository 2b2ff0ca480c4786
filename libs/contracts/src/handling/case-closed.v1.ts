import { IsDateString, IsIn, IsNotEmpty, IsString, IsUUID } from 'class-validator';
import { defineEvent } from '../event-definition';
import { WORK_UNITS, type WorkUnit } from '../work-units';

/** The unit closed its file (结案); a review may still be requested until the window ends. */
export class CaseClosedV1 {
  @IsUUID() caseId!: string;
  @IsUUID() petitionId!: string;
  @IsString() @IsNotEmpty() caseNumber!: string;
  @IsIn(WORK_UNITS) workUnit!: WorkUnit;
  @IsDateString() closedAt!: string;
}

export const CASE_CLOSED_V1 = defineEvent('handling.case.closed.v1', CaseClosedV1);
