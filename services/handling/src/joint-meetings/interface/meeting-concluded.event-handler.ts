import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { MEETING_CONCLUDED_V1, MEETING_TASK_COMPLETED_V1, type EventEnvelope, type MeetingConcludedV1, type MeetingTaskCompletedV1 } from '@pdmc/contracts';
import { Inbox } from '@pdmc/persistence';
import { RecordMeetingOutcomeHandler } from '../application/record-meeting-outcome.handler';

/** A joint meeting's lead unit and tasks, and each task done, reach the cases it was held for (issue #13 point 4). */
@Controller()
export class MeetingConcludedEventHandler {
  constructor(
    private readonly inbox: Inbox,
    private readonly record: RecordMeetingOutcomeHandler,
  ) {}

  @EventPattern(MEETING_CONCLUDED_V1.subject)
  async handle(@Payload() event: EventEnvelope<MeetingConcludedV1>): Promise<void> {
    await this.inbox.once('handling.record-meeting-outcome', event, () => this.record.execute(event));
  }

  @EventPattern(MEETING_TASK_COMPLETED_V1.subject)
  async taskCompleted(@Payload() event: EventEnvelope<MeetingTaskCompletedV1>): Promise<void> {
    await this.inbox.once('handling.record-meeting-task-done', event, () => this.record.taskCompleted(event));
  }
}
