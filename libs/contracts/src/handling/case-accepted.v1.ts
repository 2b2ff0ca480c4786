import { IsDateString, IsIn, IsNotEmpty, IsString, IsUUID } from 'class-validator';
import { defineEvent } from '../event-definition';
import { WORK_UNITS, type WorkUnit } from '../work-units';

/** The work unit took the case it was assigned (it did not object); `dueAt` is the 60-day limit from the centre's acceptance. */
export class CaseAcceptedV1 {
  @IsUUID() caseId!: string;
  @IsUUID() petitionId!: string;
  @IsString() @IsNotEmpty() caseNumber!: string;
  @IsIn(WORK_UNITS) workUnit!: WorkUnit;
  @IsDateString() acceptedAt!: string;
  @IsDateString() dueAt!: string;
}

export const CASE_ACCEPTED_V1 = defineEvent('handling.case.accepted.v1', CaseAcceptedV1);
