import { IsDateString, IsIn, IsNotEmpty, IsString, IsUUID } from 'class-validator';
import { defineEvent } from '../event-definition';
import { WORK_UNITS, type WorkUnit } from '../work-units';

/** The REVIEW unit decided a re-examination (uphold or change); the case is terminated with it. */
export class ReexaminationDecidedV1 {
  @IsUUID() caseId!: string;
  @IsUUID() petitionId!: string;
  @IsString() @IsNotEmpty() caseNumber!: string;
  @IsIn(WORK_UNITS) workUnit!: WorkUnit;
  @IsIn(['uphold', 'change']) outcome!: string;
  @IsDateString() decidedAt!: string;
}

export const REEXAMINATION_DECIDED_V1 = defineEvent('handling.reexamination.decided.v1', ReexaminationDecidedV1);
