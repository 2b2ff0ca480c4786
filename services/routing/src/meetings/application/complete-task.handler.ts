import { Inject, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { CLOCK, type Clock } from '@pdmc/calendar';
import { DomainError, NotFoundError } from '@pdmc/platform';
import { MeetingDocument } from '../infrastructure/meeting.schema';
import { assertAllowed, meetingChanged } from './meeting-state';
import { MeetingNotFoundError } from './errors';
import { toMeetingView, type MeetingView } from './meeting-views';

/** Marks one of a concluded meeting's tasks done; the meeting closes with its last task. */
@Injectable()
export class CompleteTaskHandler {
  constructor(
    @InjectModel(MeetingDocument.name) private readonly meetings: Model<MeetingDocument>,
    @Inject(CLOCK) private readonly clock: Clock,
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
    const updated = await this.meetings
      .findOneAndUpdate(
        { _id: meetingId, revision: meeting.revision },
        { $set: { tasks, status: tasks.every((t) => t.status === 'done') ? 'closed' : 'concluded' }, $inc: { revision: 1 } },
        { new: true },
      )
      .lean()
      .exec();
    if (!updated) throw meetingChanged();
    return toMeetingView(updated);
  }
}
