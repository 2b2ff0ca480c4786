import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { trusted, type Model } from 'mongoose';
import { beijingDate, CLOCK, isCivilDate, type Clock } from '@pdmc/calendar';
import { DomainError, ValidationFailedError } from '@pdmc/platform';
import { PetitionNotRoutedError } from '../../decisions/application/errors';
import { PetitionRoutingDocument } from '../../decisions/infrastructure/petition-routing.schema';
import { ReceptionDayDocument } from '../infrastructure/leader.schemas';
import { ReceptionDayNotFoundError } from './errors';

export type ReceptionDayView = Omit<ReceptionDayDocument, '_id'> & { receptionDayId: string };

export const toReceptionDayView = ({ _id, ...rest }: ReceptionDayDocument): ReceptionDayView => ({ receptionDayId: _id, ...rest });

/** Leader reception days (领导接访): scheduling, linking the petitions received that day, follow-up. */
@Injectable()
export class ReceptionDaysHandler {
  constructor(
    @InjectModel(ReceptionDayDocument.name) private readonly days: Model<ReceptionDayDocument>,
    @InjectModel(PetitionRoutingDocument.name) private readonly petitions: Model<PetitionRoutingDocument>,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async schedule(input: { leaderId: string; leaderName: string; date: string; place: string; topic: string }): Promise<ReceptionDayView> {
    if (!isCivilDate(input.date)) throw new ValidationFailedError([{ field: 'date', rule: 'date', message: 'date must be a calendar date (YYYY-MM-DD)' }]);
    const doc = await this.days.create({ _id: randomUUID(), ...input, petitions: [], followUps: [], createdAt: this.clock.now() });
    return toReceptionDayView(doc.toObject());
  }

  /** Links a petition the leader received that day; one received on another day is refused. */
  async link(dayId: string, petitionId: string): Promise<ReceptionDayView> {
    const day = await this.days.findById(dayId).lean().exec();
    if (!day) throw new ReceptionDayNotFoundError(dayId);
    const petition = await this.petitions.findById(petitionId, { caseNumber: 1, receivedAt: 1 }).lean().exec();
    if (!petition) throw new PetitionNotRoutedError(petitionId);
    const received = beijingDate(petition.receivedAt);
    if (received !== day.date) {
      throw new DomainError('ROUTING.NOT_RECEIVED_THAT_DAY', `Petition ${petition.caseNumber} was received on ${received}, not on the reception day ${day.date}`, 422, [
        { field: 'petitionId', rule: 'receivedThatDay', message: `received on ${received}` },
      ]);
    }
    if (day.petitions.some((p) => p.petitionId === petitionId)) return toReceptionDayView(day);
    const updated = await this.days
      .findOneAndUpdate({ _id: dayId, 'petitions.petitionId': trusted({ $ne: petitionId }) }, { $push: { petitions: { petitionId, caseNumber: petition.caseNumber, linkedAt: this.clock.now() } } }, { new: true })
      .lean()
      .exec();
    return toReceptionDayView(updated ?? day);
  }

  async followUp(dayId: string, note: string, actor: string): Promise<ReceptionDayView> {
    const updated = await this.days.findOneAndUpdate({ _id: dayId }, { $push: { followUps: { at: this.clock.now(), by: actor, note } } }, { new: true }).lean().exec();
    if (!updated) throw new ReceptionDayNotFoundError(dayId);
    return toReceptionDayView(updated);
  }
}
