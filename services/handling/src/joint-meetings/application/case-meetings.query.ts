import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { WorkUnit } from '@pdmc/contracts';
import { CaseMeetingDocument, type CaseMeetingTask } from '../infrastructure/case-meeting.schema';

/** A joint meeting on the case view: who leads the case since, and who must do what by when. */
export interface CaseMeeting {
  meetingId: string;
  leadUnit: WorkUnit;
  concludedAt: Date;
  /** Each task with when routing announced it done (null while open). */
  tasks: Array<CaseMeetingTask & { completedAt: Date | null }>;
}

@Injectable()
export class CaseMeetingsQuery {
  constructor(@InjectModel(CaseMeetingDocument.name) private readonly meetings: Model<CaseMeetingDocument>) {}

  /** The case's meetings, oldest first; the last one's lead unit is the current lead. */
  async of(caseId: string): Promise<CaseMeeting[]> {
    const docs = await this.meetings.find({ caseId }).sort({ concludedAt: 1 }).lean().exec();
    // A completion that arrived before its meeting's conclusion waits, unseen, for the conclusion.
    return docs
      .filter((d) => d.leadUnit && d.concludedAt)
      .map((d) => {
        const done = new Map((d.completions ?? []).map((c) => [c.taskId, c.completedAt]));
        return {
          meetingId: d.meetingId,
          leadUnit: d.leadUnit,
          concludedAt: d.concludedAt,
          tasks: d.tasks.map((t) => ({ taskId: t.taskId, assignee: t.assignee, description: t.description, dueAt: t.dueAt, completedAt: done.get(t.taskId) ?? null })),
        };
      });
  }
}
