import { Inject, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { findPage, type Page } from '@pdmc/persistence';
import { GAZETTEER, type Gazetteer, responsibleBodyName } from '@pdmc/platform';
import { renderMinutes, WORK_UNIT_NAMES, type MeetingStatus } from '../domain/meeting';
import { MeetingDocument } from '../infrastructure/meeting.schema';
import { MeetingNotFoundError } from './errors';
import { toMeetingView, type MeetingView } from './meeting-views';

@Injectable()
export class MeetingQueriesHandler {
  constructor(
    @InjectModel(MeetingDocument.name) private readonly meetings: Model<MeetingDocument>,
    @Inject(GAZETTEER) private readonly gazetteer: Gazetteer,
  ) {}

  async list(query: { status?: MeetingStatus; page?: number; pageSize?: number }): Promise<Page<MeetingView>> {
    const filter = query.status ? { status: query.status } : {};
    return findPage(this.meetings, filter, { ...query, sort: { createdAt: -1, _id: 1 }, projection: { outbox: 0 } }, toMeetingView);
  }

  async get(meetingId: string): Promise<MeetingView> {
    const doc = await this.meetings.findById(meetingId, { outbox: 0 }).lean().exec();
    if (!doc) throw new MeetingNotFoundError(meetingId);
    return toMeetingView(doc);
  }

  /** The printable minutes (会议纪要); before the outcome, the same page as a convocation with the agenda. */
  async minutes(meetingId: string): Promise<string> {
    const doc = await this.meetings.findById(meetingId, { outbox: 0 }).lean().exec();
    if (!doc) throw new MeetingNotFoundError(meetingId);
    const name = (code: string) => WORK_UNIT_NAMES[code] ?? responsibleBodyName(this.gazetteer, code) ?? code;
    return renderMinutes({
      caseNumbers: doc.caseNumbers,
      status: doc.status,
      scheduledAt: doc.scheduledAt,
      place: doc.place ?? '',
      agenda: doc.agenda ?? '',
      participants: doc.participants,
      leadUnit: doc.leadUnit ? name(doc.leadUnit) : '',
      tasks: doc.tasks.map((t) => ({ ...t, assigneeName: name(t.assignee) })),
      minutes: doc.minutes ?? '',
      concludedAt: doc.concludedAt,
      proposedReason: doc.proposedReason,
    });
  }
}
