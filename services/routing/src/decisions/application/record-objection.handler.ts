import { Inject, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { trusted, type Model } from 'mongoose';
import type { CaseReturnedV1, EventEnvelope } from '@pdmc/contracts';
import { DomainError, SERVICE_CONFIG } from '@pdmc/platform';
import { RoutingCalendar } from '../../calendar/application/routing-calendar';
import { ProposeMeetingHandler } from '../../meetings/application/propose-meeting.handler';
import type { RoutingConfig } from '../../config/routing.config';
import { deskDueAt, meetingDue, objectionInTime } from '../domain/dispatch';
import { PetitionRoutingDocument, type ObjectionEntry } from '../infrastructure/petition-routing.schema';

/**
 * A unit returned a case as outside its competence (handling checked the 5 working days):
 * the objection is recorded, the return counted, and the petition goes back on the desk. From
 * the configured number of returns on it is proposed for a joint meeting.
 */
@Injectable()
export class RecordObjectionHandler {
  constructor(
    @InjectModel(PetitionRoutingDocument.name) private readonly petitions: Model<PetitionRoutingDocument>,
    private readonly calendar: RoutingCalendar,
    private readonly proposeMeeting: ProposeMeetingHandler,
    @Inject(SERVICE_CONFIG) private readonly config: RoutingConfig,
  ) {}

  async execute(event: EventEnvelope<CaseReturnedV1>): Promise<void> {
    const r = event.payload;
    const petition = await this.petitions.findById(r.petitionId, { outbox: 0 }).lean().exec();
    // Handling only returns cases routing routed; anything else is a broken message (dead-lettered after retries).
    if (!petition) throw new DomainError('ROUTING.PETITION_NOT_FOUND', `Returned case ${r.caseNumber}: routing never routed petition ${r.petitionId}`);
    const returnedAt = new Date(r.returnedAt);
    const assignedAt = new Date(r.assignedAt);
    const calendar = await this.calendar.around(assignedAt);
    const objection: ObjectionEntry = {
      eventId: event.id,
      caseId: r.caseId,
      workUnit: r.workUnit,
      reason: r.reason,
      assignedAt,
      returnedAt,
      inTime: objectionInTime(calendar, assignedAt, returnedAt),
    };
    // One write, only if this event was not recorded yet: a redelivery counts no second return.
    const updated = await this.petitions
      .findOneAndUpdate(
        { _id: r.petitionId, 'objections.eventId': trusted({ $ne: event.id }) },
        {
          $push: { objections: objection },
          $inc: { bounces: 1, revision: 1 },
          $set: {
            status: 'awaiting_dispatch',
            onDesk: true,
            deskReason: 'returned',
            deskSince: returnedAt,
            deskDueAt: deskDueAt(calendar, 'returned', petition),
            deskNote: `${r.workUnit} 退回：${r.reason}`,
          },
        },
        { new: true },
      )
      .lean()
      .exec();
    const current = updated ?? (await this.petitions.findById(r.petitionId, { outbox: 0 }).lean().exec());
    if (current && meetingDue(current.bounces, this.config.MEETING_AFTER_RETURNS) && !current.meetingId) {
      await this.proposeMeeting.forReturns(current);
    }
  }
}
