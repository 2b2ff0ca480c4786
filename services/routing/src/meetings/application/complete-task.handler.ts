import { Inject, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { CLOCK, type Clock } from '@pdmc/calendar';
import { createEnvelope, MEETING_TASK_COMPLETED_V1 } from '@pdmc/contracts';
import { correlationIdOrNew, DomainError, NotFoundError, OutboxRelayService } from '@pdmc/platform';
import { toOutbox } from '@pdmc/persistence';
import { MeetingDocument } from '../infrastructure/meeting.schema';
import { assertAllowed, meetingChanged } from './meeting-state';
import { MeetingNotFoundError } from './errors';
import { toMeetingView, type MeetingView } from './meeting-views';

/** Marks one of a concluded meeting's tasks done (routing.meeting.task-completed.v1); the meeting closes with its last task. */
@Injectable()
export class CompleteTaskHandler {
  constructor(
    @InjectModel(MeetingDocument.name) private readonly meetings: Model<MeetingDocument>,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly relay: OutboxRelayService,
  ) {}

  async execute(meetingId: string, taskId: string, note: string, actor: string): Promise<MeetingView> {
    const meeting = await this.meetings.findById(meetingId, { outbox: 0 }).lean().exec();
    if (!meeting) throw new MeetingNotFoundError(meetingId);
    assertAllowed(meeting.status, 'complete_task');
    const task = meeting.tasks.find((t) => t.taskId === taskId);
    if (!task) throw new NotFoundError('ROUTING.TASK_NOT_FOUND', `The meeting has no task ${taskId}`);
    if (task.status === 'done') throw new DomainError('ROUTING.TASK_ALREADY_DONE', `Task ${taskId} is done already (allowed: nothing)`, 409);
    const now = this.clock.now();
    const tasks = meeting.tasks.map((t) => (t.taskId === taskId ? { ...t, status: 'done' as const, completedAt: now, completedBy: actor, note } : t));
    // Announced in the same write, so the cases in handling show the task done.
    const event = createEnvelope(
      MEETING_TASK_COMPLETED_V1,
      { meetingId, petitionIds: meeting.petitionIds, taskId, assignee: task.assignee, completedAt: now.toISOString() },
      { correlationId: correlationIdOrNew(), occurredAt: now },
    );
    const updated = await this.meetings
      .findOneAndUpdate(
        { _id: meetingId, revision: meeting.revision },
        {
          $set: { tasks, status: tasks.every((t) => t.status === 'done') ? 'closed' : 'concluded' },
          $inc: { revision: 1 },
          $push: { outbox: { $each: toOutbox(event) } },
        },
        { new: true },
      )
      .lean()
      .exec();
    if (!updated) throw meetingChanged();
    this.relay.kick();
    return toMeetingView(updated);
  }
}
