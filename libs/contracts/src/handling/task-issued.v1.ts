import { IsDateString, IsIn, IsNotEmpty, IsString, IsUUID, MaxLength } from 'class-validator';
import { defineEvent } from '../event-definition';
import { WORK_UNITS, type WorkUnit } from '../work-units';

/** The unit gave a responsible body (事涉单位) a task on a case, with a deadline for its report. The instructions stay in handling. */
export class TaskIssuedV1 {
  @IsUUID() caseId!: string;
  @IsUUID() petitionId!: string;
  @IsString() @IsNotEmpty() caseNumber!: string;
  @IsIn(WORK_UNITS) workUnit!: WorkUnit;
  @IsUUID() taskId!: string;
  @IsString() @IsNotEmpty() @MaxLength(64) body!: string;
  @IsDateString() issuedAt!: string;
  @IsDateString() dueAt!: string;
}

export const TASK_ISSUED_V1 = defineEvent('handling.task.issued.v1', TaskIssuedV1);
