import { IsDateString, IsIn, IsNotEmpty, IsString, IsUUID } from 'class-validator';
import { defineEvent } from '../event-definition';
import { WORK_UNITS, type WorkUnit } from '../work-units';

/** A work unit opened a case for a routed petition; `dueAt` is the 60-day handling limit. */
export class CaseOpenedV1 {
  @IsUUID() caseId!: string;
  @IsUUID() petitionId!: string;
  @IsString() @IsNotEmpty() caseNumber!: string;
  @IsIn(WORK_UNITS) workUnit!: WorkUnit;
  @IsString() @IsNotEmpty() responsibleBody!: string;
  @IsDateString() openedAt!: string;
  @IsDateString() dueAt!: string;
}

export const CASE_OPENED_V1 = defineEvent('handling.case.opened.v1', CaseOpenedV1);
