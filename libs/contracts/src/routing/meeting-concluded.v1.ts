import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDateString, IsIn, IsNotEmpty, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { defineEvent } from '../event-definition';
import { WORK_UNITS, type WorkUnit } from '../work-units';

/** One task a joint meeting gave a unit or a responsible body, with its deadline. */
export class MeetingTaskV1 {
  @IsUUID() taskId!: string;
  /** A work unit code, or a responsible body's code from the gazetteer. */
  @IsString() @IsNotEmpty() @MaxLength(64) assignee!: string;
  @IsString() @IsNotEmpty() @MaxLength(2000) description!: string;
  @IsDateString() dueAt!: string;
}

/**
 * A joint meeting (信访工作联席会议, art. 24) recorded its outcome: the lead unit for its cases and
 * each participant's tasks. Handling shows them on the cases; supervision watches the deadlines.
 */
export class MeetingConcludedV1 {
  @IsUUID() meetingId!: string;
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @IsUUID('all', { each: true }) petitionIds!: string[];
  @IsIn(WORK_UNITS) leadUnit!: WorkUnit;
  @IsArray() @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => MeetingTaskV1) tasks!: MeetingTaskV1[];
  @IsDateString() concludedAt!: string;
}

export const MEETING_CONCLUDED_V1 = defineEvent('routing.meeting.concluded.v1', MeetingConcludedV1);
