import { IsBoolean, IsDateString, IsIn, IsNotEmpty, IsString, IsUUID, MaxLength } from 'class-validator';
import { defineEvent } from '../event-definition';
import { WORK_UNITS, type WorkUnit } from '../work-units';

/** A responsible body reported on its task; `late` when after the deadline. The findings stay in handling. */
export class TaskReportedV1 {
  @IsUUID() caseId!: string;
  @IsUUID() petitionId!: string;
  @IsString() @IsNotEmpty() caseNumber!: string;
  @IsIn(WORK_UNITS) workUnit!: WorkUnit;
  @IsUUID() taskId!: string;
  @IsString() @IsNotEmpty() @MaxLength(64) body!: string;
  @IsDateString() reportedAt!: string;
  @IsBoolean() late!: boolean;
}

export const TASK_REPORTED_V1 = defineEvent('handling.task.reported.v1', TaskReportedV1);
