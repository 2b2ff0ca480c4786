import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { trusted, type Model } from 'mongoose';
import { beijingDate, CLOCK, OFFICIAL_HOLIDAY_YEARS, WorkingCalendar, type Clock, type HolidayYear } from '@pdmc/calendar';
import { insertIfAbsent } from '@pdmc/persistence';
import { HolidayYearDocument } from '../infrastructure/holiday-year.schema';

export function toHolidayYear(doc: Pick<HolidayYearDocument, '_id' | 'holidays' | 'workdays' | 'source' | 'provisional'>): HolidayYear {
  return {
    year: doc._id,
    holidays: doc.holidays.map(({ date, name }) => ({ date, name })),
    workdays: doc.workdays.map(({ date, name }) => ({ date, name })),
    source: doc.source,
    provisional: doc.provisional,
  };
}

/**
 * The working-day calendar as routing's database holds it: the shipped years are seeded at
 * start-up, an administrator's edits replace them. Read from the database each time (a few
 * documents by `_id`), so every instance counts with the latest edit.
 */
@Injectable()
export class RoutingCalendar implements OnModuleInit {
  constructor(
    @InjectModel(HolidayYearDocument.name) private readonly years: Model<HolidayYearDocument>,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async onModuleInit(): Promise<void> {
    for (const year of OFFICIAL_HOLIDAY_YEARS) {
      // Already there, shipped or edited: an edit is never overwritten by the shipped data.
      await insertIfAbsent(this.years, { _id: year.year, holidays: year.holidays, workdays: year.workdays, source: year.source, provisional: year.provisional ?? false, revision: 1, changedAt: this.clock.now(), changedBy: 'shipped', outbox: [] });
    }
  }

  /** A calendar that knows the year of `at` and the years either side (periods cross New Year). */
  async around(at: Date): Promise<WorkingCalendar> {
    const year = Number(beijingDate(at).slice(0, 4));
    const docs = await this.years.find({ _id: trusted({ $in: [year - 1, year, year + 1] }) }, { outbox: 0 }).lean().exec();
    return new WorkingCalendar(docs.map(toHolidayYear));
  }
}
