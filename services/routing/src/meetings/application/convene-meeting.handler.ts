import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { trusted, type Model } from 'mongoose';
import { CLOCK, type Clock } from '@pdmc/calendar';
import { GAZETTEER, type Gazetteer, responsibleBodyName, ValidationFailedError } from '@pdmc/platform';
import { RULE_REFERENCE } from '../../reference-data.providers';
import type { RuleReference } from '../../rules/domain/rule-set-validation';
import { PetitionRoutingDocument } from '../../decisions/infrastructure/petition-routing.schema';
import { checkParty, WORK_UNIT_NAMES } from '../domain/meeting';
import { MeetingDocument } from '../infrastructure/meeting.schema';
import { assertAllowed, meetingChanged } from './meeting-state';
import { MeetingNotFoundError } from './errors';
import { toMeetingView, type MeetingView } from './meeting-views';

export interface ConveneMeeting {
  petitionIds?: string[];
  participants: string[];
  agenda: string;
  scheduledAt: string;
  place: string;
}

/** A supervision commissioner convenes a joint meeting: a new one, or one the desk proposed. */
@Injectable()
export class ConveneMeetingHandler {
  constructor(
    @InjectModel(MeetingDocument.name) private readonly meetings: Model<MeetingDocument>,
    @InjectModel(PetitionRoutingDocument.name) private readonly petitions: Model<PetitionRoutingDocument>,
    @Inject(RULE_REFERENCE) private readonly reference: RuleReference,
    @Inject(GAZETTEER) private readonly gazetteer: Gazetteer,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(meetingId: string | undefined, input: ConveneMeeting, actor: string): Promise<MeetingView> {
    const problems = input.participants.flatMap((code, i) => checkParty(code, `participants[${i}]`, (c) => this.reference.isKnownBody(c)));
    if (new Set(input.participants).size !== input.participants.length) problems.push({ field: 'participants', rule: 'unique', message: 'a participant is listed twice' });
    const ids = [...new Set(input.petitionIds ?? [])];
    const known = ids.length ? await this.petitions.find({ _id: trusted({ $in: ids }) }, { caseNumber: 1 }).lean().exec() : [];
    ids.forEach((id, i) => {
      if (!known.some((k) => k._id === id)) problems.push({ field: `petitionIds[${i}]`, rule: 'knownPetition', message: `routing knows no accepted petition ${id}` });
    });
    if (!meetingId && ids.length === 0) problems.push({ field: 'petitionIds', rule: 'notEmpty', message: 'a new meeting needs at least one petition' });
    if (problems.length) throw new ValidationFailedError(problems);
    const participants = input.participants.map((code) => ({ code, name: WORK_UNIT_NAMES[code] ?? responsibleBodyName(this.gazetteer, code) ?? code }));
    const fields = { participants, agenda: input.agenda, scheduledAt: new Date(input.scheduledAt), place: input.place, convenedBy: actor, status: 'convened' as const };
    if (!meetingId) {
      const doc = await this.meetings.create({
        _id: randomUUID(),
        ...fields,
        petitionIds: ids,
        caseNumbers: ids.map((id) => known.find((k) => k._id === id)?.caseNumber ?? id),
        createdAt: this.clock.now(),
        outbox: [],
      });
      return toMeetingView(doc.toObject());
    }
    const meeting = await this.meetings.findById(meetingId, { outbox: 0 }).lean().exec();
    if (!meeting) throw new MeetingNotFoundError(meetingId);
    assertAllowed(meeting.status, 'convene');
    const petitionIds = [...new Set([...meeting.petitionIds, ...ids])];
    const caseNumbers = petitionIds.map((id) => known.find((k) => k._id === id)?.caseNumber ?? meeting.caseNumbers[meeting.petitionIds.indexOf(id)]);
    const updated = await this.meetings
      .findOneAndUpdate({ _id: meetingId, revision: meeting.revision }, { $set: { ...fields, petitionIds, caseNumbers }, $inc: { revision: 1 } }, { new: true })
      .lean()
      .exec();
    if (!updated) throw meetingChanged();
    return toMeetingView(updated);
  }
}
