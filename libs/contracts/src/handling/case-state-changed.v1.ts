import { IsDateString, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { defineEvent } from '../event-definition';
import { WORK_UNITS, type WorkUnit } from '../work-units';

/** Every step of a case's lifecycle (from-state, action, to-state), for timelines and statistics; the specific events carry the facts of each step. */
export class CaseStateChangedV1 {
  @IsUUID() caseId!: string;
  @IsUUID() petitionId!: string;
  @IsString() @IsNotEmpty() caseNumber!: string;
  @IsIn(WORK_UNITS) workUnit!: WorkUnit;
  @IsString() @IsNotEmpty() @MaxLength(40) action!: string;
  @IsOptional() @IsString() @MaxLength(40) from?: string;
  @IsString() @IsNotEmpty() @MaxLength(40) to!: string;
  @IsDateString() at!: string;
}

export const CASE_STATE_CHANGED_V1 = defineEvent('handling.case.state-changed.v1', CaseStateChangedV1);
