import { ArrayMaxSize, ArrayMinSize, IsArray, IsDateString, IsNotEmpty, IsString, IsUUID, MaxLength } from 'class-validator';
import { defineEvent } from '../event-definition';

/**
 * One of a joint meeting's tasks is done (信访工作联席会议, art. 24): the cases it was held for
 * show the task completed; supervision stops watching its deadline. No note: it is the
 * commissioner's free text.
 */
export class MeetingTaskCompletedV1 {
  @IsUUID() meetingId!: string;
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @IsUUID('all', { each: true }) petitionIds!: string[];
  @IsUUID() taskId!: string;
  /** A work unit code, or a responsible body's code from the gazetteer. */
  @IsString() @IsNotEmpty() @MaxLength(64) assignee!: string;
  @IsDateString() completedAt!: string;
}

export const MEETING_TASK_COMPLETED_V1 = defineEvent('routing.meeting.task-completed.v1', MeetingTaskCompletedV1);
