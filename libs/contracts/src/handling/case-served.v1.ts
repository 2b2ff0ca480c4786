import { IsDateString, IsIn, IsNotEmpty, IsString, IsUUID } from 'class-validator';
import { defineEvent } from '../event-definition';
import { WORK_UNITS, type WorkUnit } from '../work-units';

/** The petitioner received the written decision; the 30-day review window (art. 35) runs from `servedAt`. */
export class CaseServedV1 {
  @IsUUID() caseId!: string;
  @IsUUID() petitionId!: string;
  @IsString() @IsNotEmpty() caseNumber!: string;
  @IsIn(WORK_UNITS) workUnit!: WorkUnit;
  @IsUUID() decisionId!: string;
  @IsDateString() servedAt!: string;
  @IsDateString() reviewRequestDueAt!: string;
}

export const CASE_SERVED_V1 = defineEvent('handling.case.served.v1', CaseServedV1);
