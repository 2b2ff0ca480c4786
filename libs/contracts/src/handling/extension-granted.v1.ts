import { IsDateString, IsIn, IsInt, IsNotEmpty, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { defineEvent } from '../event-definition';
import { WORK_UNITS, type WorkUnit } from '../work-units';

/** The handling limit was extended once (art. 34); the petitioner is told the new date and why, so the reason travels (staff write it for the petitioner, without personal data). */
export class ExtensionGrantedV1 {
  @IsUUID() caseId!: string;
  @IsUUID() petitionId!: string;
  @IsString() @IsNotEmpty() caseNumber!: string;
  @IsIn(WORK_UNITS) workUnit!: WorkUnit;
  @IsUUID() extensionId!: string;
  @IsInt() @Min(1) @Max(30) days!: number;
  @IsString() @IsNotEmpty() @MaxLength(500) reason!: string;
  @IsDateString() previousDueAt!: string;
  @IsDateString() dueAt!: string;
  @IsDateString() grantedAt!: string;
}

export const EXTENSION_GRANTED_V1 = defineEvent('handling.extension.granted.v1', ExtensionGrantedV1);
