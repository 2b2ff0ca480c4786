import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { trusted, type Model } from 'mongoose';
import type { EventEnvelope, MeetingConcludedV1, MeetingTaskCompletedV1 } from '@pdmc/contracts';
import { isDuplicateKeyError } from '@pdmc/persistence';
import { caseIdFor } from '../../cases/domain/case-id';
import { CaseMeetingDocument } from '../infrastructure/case-meeting.schema';

/**
 * A joint meeting concluded: each of its cases learns its lead unit and the meeting's tasks.
 * The case id is derived from the petition id, so the outcome is kept even when it arrives
 * before the case is opened; one upsert per case, the same on every redelivery.
 */
@Injectable()
export class RecordMeetingOutcomeHandler {
  constructor(@InjectModel(CaseMeetingDocument.name) private readonly meetings: Model<CaseMeetingDocument>) {}

  async execute(event: EventEnvelope<MeetingConcludedV1>): Promise<void> {
    const m = event.payload;
    const tasks = m.tasks.map((t) => ({ taskId: t.taskId, assignee: t.assignee, description: t.description, dueAt: new Date(t.dueAt) }));
    for (const petitionId of m.petitionIds) {
      const caseId = caseIdFor(petitionId);
      await this.meetings
        .updateOne(
          { _id: `${m.meetingId}:${caseId}` },
          { $set: { caseId, petitionId, meetingId: m.meetingId, leadUnit: m.leadUnit, tasks, concludedAt: new Date(m.concludedAt), sourceEventId: event.id } },
          { upsert: true },
        )
        .exec();
    }
  }

  /** A task is done: each case of the meeting records it once, even before the conclusion arrives. */
  async taskCompleted(event: EventEnvelope<MeetingTaskCompletedV1>): Promise<void> {
    const t = event.payload;
    for (const petitionId of t.petitionIds) {
      const caseId = caseIdFor(petitionId);
      try {
        await this.meetings
          .updateOne(
            { _id: `${t.meetingId}:${caseId}`, 'completions.taskId': trusted({ $ne: t.taskId }) },
            { $push: { completions: { taskId: t.taskId, completedAt: new Date(t.completedAt) } }, $setOnInsert: { caseId, petitionId, meetingId: t.meetingId } },
            { upsert: true },
          )
          .exec();
      } catch (error) {
        // The document exists and already records this task: nothing to do.
        if (!isDuplicateKeyError(error)) throw error;
      }
    }
  }
}
