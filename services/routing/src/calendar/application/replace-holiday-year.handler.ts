import { Inject, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { CLOCK, validateHolidayYear, type Clock, type HolidayYear } from '@pdmc/calendar';
import { CALENDAR_CHANGED_V1, createEnvelope } from '@pdmc/contracts';
import { correlationIdOrNew, DomainError, OutboxRelayService, ValidationFailedError } from '@pdmc/platform';
import { insertIfAbsent, toOutbox } from '@pdmc/persistence';
import { HolidayYearDocument } from '../infrastructure/holiday-year.schema';
import type { HolidayYearView } from './calendar-queries.handler';

export interface ReplaceHolidayYear {
  holidays: HolidayYear['holidays'];
  workdays: HolidayYear['workdays'];
  source: string;
  provisional?: boolean;
  /** The revision the administrator edited; a save over a newer one is refused. */
  basedOnRevision?: number;
}

/** Replaces a year's holidays and make-up working days, and announces the whole year. */
@Injectable()
export class ReplaceHolidayYearHandler {
  constructor(
    @InjectModel(HolidayYearDocument.name) private readonly years: Model<HolidayYearDocument>,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly relay: OutboxRelayService,
  ) {}

  async execute(year: number, input: ReplaceHolidayYear, actor: string): Promise<HolidayYearView> {
    const data: HolidayYear = { year, holidays: input.holidays, workdays: input.workdays, source: input.source, provisional: input.provisional ?? false };
    const problems = validateHolidayYear(data);
    if (problems.length) throw new ValidationFailedError(problems.map(({ field, rule, message }) => ({ field, rule, message })));
    const current = await this.years.findById(year, { revision: 1 }).lean().exec();
    if (input.basedOnRevision !== undefined && input.basedOnRevision !== (current?.revision ?? 0)) {
      throw new DomainError('ROUTING.CALENDAR_CHANGED', `The ${year} calendar is at revision ${current?.revision ?? 0}, not ${input.basedOnRevision}: reload it and edit again`, 409);
    }
    const revision = (current?.revision ?? 0) + 1;
    const changedAt = this.clock.now();
    const event = createEnvelope(
      CALENDAR_CHANGED_V1,
      { year, revision, holidays: data.holidays, workdays: data.workdays, source: data.source, provisional: data.provisional ?? false, changedAt: changedAt.toISOString() },
      { correlationId: correlationIdOrNew() },
    );
    const fields = { holidays: data.holidays, workdays: data.workdays, source: data.source, provisional: data.provisional ?? false, revision, changedAt, changedBy: actor };
    if (current) {
      // Conditional on the revision read: two administrators saving at once cannot both win.
      const updated = await this.years
        .findOneAndUpdate({ _id: year, revision: current.revision }, { $set: fields, $push: { outbox: { $each: toOutbox(event) } } }, { new: true })
        .lean()
        .exec();
      if (!updated) throw new DomainError('ROUTING.CALENDAR_CHANGED', `The ${year} calendar changed meanwhile: reload it and edit again`, 409);
    } else {
      const created = await insertIfAbsent(this.years, { _id: year, ...fields, outbox: toOutbox(event) });
      if (!created) throw new DomainError('ROUTING.CALENDAR_CHANGED', `The ${year} calendar changed meanwhile: reload it and edit again`, 409);
    }
    this.relay.kick();
    return { year, ...fields, provisional: fields.provisional };
  }
}
