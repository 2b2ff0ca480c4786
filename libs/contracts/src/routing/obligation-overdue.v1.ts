import { IsDateString, IsIn, IsOptional, IsString, IsNotEmpty, IsUUID, MaxLength } from 'class-validator';
import { defineEvent } from '../event-definition';
import { WORK_UNITS, type WorkUnit } from '../work-units';
import { OBLIGATION_KINDS, type ObligationKind } from './obligation-warned.v1';

/** A watched deadline passed with the obligation still open (超期); announced once. */
export class ObligationOverdueV1 {
  @IsString() @IsNotEmpty() @MaxLength(200) obligationId!: string;
  @IsIn(OBLIGATION_KINDS) kind!: ObligationKind;
  @IsOptional() @IsUUID() petitionId?: string;
  @IsOptional() @IsString() @MaxLength(64) caseNumber?: string;
  @IsOptional() @IsUUID() caseId?: string;
  @IsOptional() @IsIn(WORK_UNITS) workUnit?: WorkUnit;
  @IsOptional() @IsString() @MaxLength(64) assignee?: string;
  @IsDateString() startsAt!: string;
  @IsDateString() dueAt!: string;
  @IsDateString() overdueAt!: string;
}

export const OBLIGATION_OVERDUE_V1 = defineEvent('routing.obligation.overdue.v1', ObligationOverdueV1);
