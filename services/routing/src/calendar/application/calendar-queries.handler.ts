import { Inject, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { trusted, type Model } from 'mongoose';
import { addCalendarDays, beijingDate, CLOCK, daysBetween, isCivilDate, WorkingCalendar, type CivilDate, type Clock } from '@pdmc/calendar';
import { NotFoundError, ValidationFailedError } from '@pdmc/platform';
import { HolidayYearDocument } from '../infrastructure/holiday-year.schema';
import { toHolidayYear } from './routing-calendar';

export interface HolidayYearView {
  year: number;
  holidays: Array<{ date: string; name: string }>;
  workdays: Array<{ date: string; name: string }>;
  source: string;
  provisional: boolean;
  revision: number;
  changedAt: Date;
  changedBy: string;
}

export interface CalendarDayView {
  date: CivilDate;
  working: boolean;
  reason: 'weekday' | 'weekend' | 'holiday' | 'make-up workday';
  name?: string;
  /** False for a year without holiday data: weekends only were counted. */
  known: boolean;
}

const MAX_RANGE_DAYS = 366;

@Injectable()
export class CalendarQueriesHandler {
  constructor(
    @InjectModel(HolidayYearDocument.name) private readonly years: Model<HolidayYearDocument>,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(): Promise<{ items: HolidayYearView[] }> {
    const docs = await this.years.find({}, { outbox: 0 }).sort({ _id: 1 }).limit(50).lean().exec();
    return { items: docs.map(view) };
  }

  async year(year: number): Promise<HolidayYearView> {
    const doc = await this.years.findById(year, { outbox: 0 }).lean().exec();
    if (!doc) throw new NotFoundError('ROUTING.CALENDAR_YEAR_NOT_FOUND', `No holiday data for ${year}`);
    return view(doc);
  }

  /** Every day from `from` to `to` (inclusive) as the calendar counts it. */
  async days(fromDate?: string, toDate?: string): Promise<{ items: CalendarDayView[] }> {
    const from = fromDate ?? beijingDate(this.clock.now());
    const to = toDate ?? (isCivilDate(from) ? addCalendarDays(from, 30) : from);
    const problems = [
      ...(isCivilDate(from) ? [] : [{ field: 'from', rule: 'date', message: 'from must be a date (YYYY-MM-DD)' }]),
      ...(isCivilDate(to) ? [] : [{ field: 'to', rule: 'date', message: 'to must be a date (YYYY-MM-DD)' }]),
    ];
    if (problems.length) throw new ValidationFailedError(problems);
    const span = daysBetween(from, to);
    if (span < 0) throw new ValidationFailedError([{ field: 'to', rule: 'notBeforeFrom', message: `to (${to}) is before from (${from})` }]);
    if (span >= MAX_RANGE_DAYS) throw new ValidationFailedError([{ field: 'to', rule: 'maxRange', message: `at most ${MAX_RANGE_DAYS} days at once` }]);
    const wanted = [...new Set([Number(from.slice(0, 4)), Number(to.slice(0, 4))])];
    const docs = await this.years.find({ _id: trusted({ $in: wanted }) }, { outbox: 0 }).lean().exec();
    const calendar = new WorkingCalendar(docs.map(toHolidayYear));
    const items: CalendarDayView[] = [];
    for (let day = from; daysBetween(day, to) >= 0; day = addCalendarDays(day, 1)) {
      items.push({ ...calendar.describe(day), known: calendar.covers(day) });
    }
    return { items };
  }
}

function view(doc: Omit<HolidayYearDocument, 'outbox'>): HolidayYearView {
  return {
    year: doc._id,
    holidays: doc.holidays.map(({ date, name }) => ({ date, name })),
    workdays: doc.workdays.map(({ date, name }) => ({ date, name })),
    source: doc.source,
    provisional: doc.provisional,
    revision: doc.revision,
    changedAt: doc.changedAt,
    changedBy: doc.changedBy,
  };
}
