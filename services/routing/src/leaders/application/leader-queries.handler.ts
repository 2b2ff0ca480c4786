import { Inject, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { trusted, type Model } from 'mongoose';
import { addCalendarDays, beijingDate, CLOCK, daysBetween, isCivilDate, periodInDays, type Clock } from '@pdmc/calendar';
import { NotFoundError, ValidationFailedError } from '@pdmc/platform';
import { RoutingCalendar } from '../../calendar/application/routing-calendar';
import { HANDLING_LIMIT_DAYS } from '../../decisions/domain/dispatch';
import { PetitionRoutingDocument } from '../../decisions/infrastructure/petition-routing.schema';
import { LeaderCaseDocument, ReceptionDayDocument } from '../infrastructure/leader.schemas';
import { toReceptionDayView, type ReceptionDayView } from './reception-days.handler';
import { ReceptionDayNotFoundError } from './errors';

export interface LeaderCaseView {
  petitionId: string;
  caseNumber: string;
  leaderId: string;
  leaderName: string;
  note: string;
  ownedAt: Date;
  /** What routing knows of the case now. */
  status: string;
  workUnit: string | null;
  responsibleBody: string | null;
  bounces: number;
  onDesk: boolean;
  meetingId: string | null;
  /** The 60-day handling limit from acceptance (art. 34), on the working-day calendar. */
  handlingDueAt: Date;
}

@Injectable()
export class LeaderQueriesHandler {
  constructor(
    @InjectModel(LeaderCaseDocument.name) private readonly cases: Model<LeaderCaseDocument>,
    @InjectModel(ReceptionDayDocument.name) private readonly days: Model<ReceptionDayDocument>,
    @InjectModel(PetitionRoutingDocument.name) private readonly petitions: Model<PetitionRoutingDocument>,
    private readonly calendar: RoutingCalendar,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Owned cases, one leader's or all, newest first, each with its state and deadline. */
  async ownedCases(leaderId?: string): Promise<{ items: LeaderCaseView[]; total: number }> {
    const filter = leaderId ? { leaderId } : {};
    const owned = await this.cases.find(filter).sort({ ownedAt: -1 }).limit(200).lean().exec();
    const items = await this.withState(owned);
    return { items, total: items.length };
  }

  async ownedCase(petitionId: string): Promise<LeaderCaseView> {
    const owned = await this.cases.findById(petitionId).lean().exec();
    if (!owned) throw new NotFoundError('ROUTING.LEADER_CASE_NOT_FOUND', 'No leader owns this case');
    return (await this.withState([owned]))[0];
  }

  private async withState(owned: LeaderCaseDocument[]): Promise<LeaderCaseView[]> {
    const petitions = await this.petitions.find({ _id: trusted({ $in: owned.map((o) => o._id) }) }, { outbox: 0, decisions: 0, objections: 0 }).lean().exec();
    const views: LeaderCaseView[] = [];
    for (const o of owned) {
      const p = petitions.find((x) => x._id === o._id);
      if (!p) continue;
      const calendar = await this.calendar.around(p.acceptedAt);
      views.push({
        petitionId: o._id,
        caseNumber: o.caseNumber,
        leaderId: o.leaderId,
        leaderName: o.leaderName,
        note: o.note,
        ownedAt: o.ownedAt,
        status: p.status,
        workUnit: p.workUnit,
        responsibleBody: p.responsibleBody,
        bounces: p.bounces,
        onDesk: p.onDesk,
        meetingId: p.meetingId,
        handlingDueAt: periodInDays(calendar, p.acceptedAt, HANDLING_LIMIT_DAYS).dueAt,
      });
    }
    return views;
  }

  /** Reception days from `from` to `to` (inclusive, at most a year), by date. */
  async receptionDays(fromDate?: string, toDate?: string): Promise<{ items: ReceptionDayView[] }> {
    const from = fromDate ?? beijingDate(this.clock.now());
    const to = toDate ?? (isCivilDate(from) ? addCalendarDays(from, 30) : from);
    const problems = [
      ...(isCivilDate(from) ? [] : [{ field: 'from', rule: 'date', message: 'from must be a date (YYYY-MM-DD)' }]),
      ...(isCivilDate(to) ? [] : [{ field: 'to', rule: 'date', message: 'to must be a date (YYYY-MM-DD)' }]),
    ];
    if (problems.length) throw new ValidationFailedError(problems);
    if (daysBetween(from, to) < 0) throw new ValidationFailedError([{ field: 'to', rule: 'notBeforeFrom', message: `to (${to}) is before from (${from})` }]);
    if (daysBetween(from, to) > 366) throw new ValidationFailedError([{ field: 'to', rule: 'maxRange', message: 'at most 366 days at once' }]);
    const docs = await this.days.find({ date: trusted({ $gte: from, $lte: to }) }).sort({ date: 1, _id: 1 }).limit(500).lean().exec();
    return { items: docs.map(toReceptionDayView) };
  }

  async receptionDay(id: string): Promise<ReceptionDayView> {
    const doc = await this.days.findById(id).lean().exec();
    if (!doc) throw new ReceptionDayNotFoundError(id);
    return toReceptionDayView(doc);
  }
}
