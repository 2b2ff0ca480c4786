import { Inject, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { CLOCK, type Clock } from '@pdmc/calendar';
import { insertIfAbsent } from '@pdmc/persistence';
import { stableUuid } from '../../shared/stable-id';
import { WORK_UNIT_NAMES } from '../domain/meeting';
import { MeetingDocument } from '../infrastructure/meeting.schema';
import { PetitionRoutingDocument } from '../../decisions/infrastructure/petition-routing.schema';

/**
 * Proposes a joint meeting for a petition units keep returning. The id derives from the
 * petition, so a redelivered return proposes nothing twice; a commissioner then convenes it.
 */
@Injectable()
export class ProposeMeetingHandler {
  constructor(
    @InjectModel(MeetingDocument.name) private readonly meetings: Model<MeetingDocument>,
    @InjectModel(PetitionRoutingDocument.name) private readonly petitions: Model<PetitionRoutingDocument>,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async forReturns(petition: Pick<PetitionRoutingDocument, '_id' | 'caseNumber' | 'bounces' | 'objections'>): Promise<string> {
    const id = stableUuid(`joint-meeting-proposal:${petition._id}`);
    const units = [...new Set(petition.objections.map((o) => o.workUnit))];
    await insertIfAbsent(this.meetings, {
      _id: id,
      status: 'proposed',
      petitionIds: [petition._id],
      caseNumbers: [petition.caseNumber],
      proposedReason: `已被退回 ${petition.bounces} 次（${units.join('、')}），提请召开联席会议`,
      participants: units.map((code) => ({ code, name: WORK_UNIT_NAMES[code] ?? code })),
      createdAt: this.clock.now(),
      outbox: [],
    });
    await this.petitions.updateOne({ _id: petition._id, meetingId: null }, { $set: { meetingId: id } }).exec();
    return id;
  }
}
