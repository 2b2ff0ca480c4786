import { IsDateString, IsIn, IsNotEmpty, IsString, IsUUID } from 'class-validator';
import { defineEvent } from '../event-definition';
import { WORK_UNITS, type WorkUnit } from '../work-units';

/** The petitioner requested a re-examination (复核, art. 36); the REVIEW unit decides by `dueAt`. */
export class ReexaminationRequestedV1 {
  @IsUUID() caseId!: string;
  @IsUUID() petitionId!: string;
  @IsString() @IsNotEmpty() caseNumber!: string;
  @IsIn(WORK_UNITS) workUnit!: WorkUnit;
  @IsIn(['look_up', 'clerk', 'letter', 'visit']) channel!: string;
  @IsDateString() requestedAt!: string;
  @IsDateString() dueAt!: string;
}

export const REEXAMINATION_REQUESTED_V1 = defineEvent('handling.reexamination.requested.v1', ReexaminationRequestedV1);
