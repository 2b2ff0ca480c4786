import { IsDateString, IsIn, IsNotEmpty, IsString, IsUUID, MaxLength } from 'class-validator';
import { defineEvent } from '../event-definition';
import { WORK_UNITS, type WorkUnit } from '../work-units';

/**
 * A work unit objected that a case is outside its competence (信访工作条例 art. 23: within 5
 * working days of assignment, with reasons) and returned it; routing puts the petition back on
 * the dispatcher's desk. The case keeps its id and its 60-day limit.
 */
export class CaseReturnedV1 {
  @IsUUID() caseId!: string;
  @IsUUID() petitionId!: string;
  @IsString() @IsNotEmpty() caseNumber!: string;
  @IsIn(WORK_UNITS) workUnit!: WorkUnit;
  @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
  @IsDateString() returnedAt!: string;
  /** When the unit was assigned the case (the objection window runs from it). */
  @IsDateString() assignedAt!: string;
}

export const CASE_RETURNED_V1 = defineEvent('handling.case.returned.v1', CaseReturnedV1);
