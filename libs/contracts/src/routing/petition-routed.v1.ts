import { IsIn, IsNotEmpty, IsString, IsUUID } from 'class-validator';
import { defineEvent } from '../event-definition';
import { WORK_UNITS, type WorkUnit } from '../work-units';

/** Routing decided which work unit and which responsible body own a petition. */
export class PetitionRoutedV1 {
  @IsUUID() petitionId!: string;
  @IsString() @IsNotEmpty() caseNumber!: string;
  @IsIn(WORK_UNITS) workUnit!: WorkUnit;
  @IsString() @IsNotEmpty() responsibleBody!: string;
  @IsString() @IsNotEmpty() ruleId!: string;
  @IsString() @IsNotEmpty() reason!: string;
}

export const PETITION_ROUTED_V1 = defineEvent('routing.petition.routed.v1', PetitionRoutedV1);
