import { IsDateString, IsIn, IsNotEmpty, IsString, IsUUID } from 'class-validator';
import { defineEvent } from '../event-definition';
import { WORK_UNITS, type WorkUnit } from '../work-units';

/** The review window passed with no request (息访): the case is over. */
export class CaseCeasedV1 {
  @IsUUID() caseId!: string;
  @IsUUID() petitionId!: string;
  @IsString() @IsNotEmpty() caseNumber!: string;
  @IsIn(WORK_UNITS) workUnit!: WorkUnit;
  @IsDateString() ceasedAt!: string;
}

export const CASE_CEASED_V1 = defineEvent('handling.case.ceased.v1', CaseCeasedV1);
