import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { CLOCK, type Clock } from '@pdmc/calendar';
import { createEnvelope, MEETING_CONCLUDED_V1, type WorkUnit } from '@pdmc/contracts';
import { correlationIdOrNew, OutboxRelayService, ValidationFailedError } from '@pdmc/platform';
import { toOutbox } from '@pdmc/persistence';
import { RULE_REFERENCE } from '../../reference-data.providers';
import type { RuleReference } from '../../rules/domain/rule-set-validation';
import { checkOutcome, type MeetingTask } from '../domain/meeting';
import { MeetingDocument } from '../infrastructure/meeting.schema';
import { assertAllowed, meetingChanged } from './meeting-state';
import { MeetingNotFoundError } from './errors';
import { toMeetingView, type MeetingView } from './meeting-views';

export interface ConcludeMeeting {
  leadUnit: WorkUnit;
  tasks: Array<{ assignee: string; description: string; dueAt: string }>;
  minutes: string;
}

/** Records the meeting's outcome and minutes, and announces the lead unit and tasks (routing.meeting.concluded.v1). */
@Injectable()
export class ConcludeMeetingHandler {
  constructor(
    @InjectModel(MeetingDocument.name) private readonly meetings: Model<MeetingDocument>,
    @Inject(RULE_REFERENCE) private readonly reference: RuleReference,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly relay: OutboxRelayService,
  ) {}

  async execute(meetingId: string, input: ConcludeMeeting, actor: string): Promise<MeetingView> {
    const meeting = await this.meetings.findById(meetingId, { outbox: 0 }).lean().exec();
    if (!meeting) throw new MeetingNotFoundError(meetingId);
    assertAllowed(meeting.status, 'conclude');
    const tasks: MeetingTask[] = input.tasks.map((t) => ({ taskId: randomUUID(), assignee: t.assignee, description: t.description, dueAt: new Date(t.dueAt), status: 'open' }));
    const problems = checkOutcome(tasks, meeting.scheduledAt as Date, (c) => this.reference.isKnownBody(c));
    if (problems.length) throw new ValidationFailedError(problems);
    const concludedAt = this.clock.now();
    const event = createEnvelope(
      MEETING_CONCLUDED_V1,
      {
        meetingId,
        petitionIds: meeting.petitionIds,
        leadUnit: input.leadUnit,
        tasks: tasks.map((t) => ({ taskId: t.taskId, assignee: t.assignee, description: t.description, dueAt: t.dueAt.toISOString() })),
        concludedAt: concludedAt.toISOString(),
      },
      { correlationId: correlationIdOrNew() },
    );
    const updated = await this.meetings
      .findOneAndUpdate(
        { _id: meetingId, revision: meeting.revision },
        {
          $set: { status: tasks.length ? 'concluded' : 'closed', leadUnit: input.leadUnit, tasks, minutes: input.minutes, concludedAt, concludedBy: actor },
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
