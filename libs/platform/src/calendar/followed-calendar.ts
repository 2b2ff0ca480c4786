import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { Schema, trusted, type Connection, type Model } from 'mongoose';
import { defaultWorkingCalendar, type HolidayYear, type WorkingCalendar } from '@pdmc/calendar';
import type { CalendarChangedV1 } from '@pdmc/contracts';
import { duplicateKeyMeansDone, modelOn } from '@pdmc/persistence';

interface StoredYear {
  _id: number;
  revision: number;
  holidays: Array<{ date: string; name: string }>;
  workdays: Array<{ date: string; name: string }>;
  source: string;
  provisional: boolean;
  changedAt: Date;
}

const storedYearSchema = new Schema<StoredYear>(
  {
    _id: { type: Number },
    revision: { type: Number, required: true },
    holidays: [{ _id: false, date: String, name: String }],
    workdays: [{ _id: false, date: String, name: String }],
    source: { type: String, required: true },
    provisional: { type: Boolean, required: true },
    changedAt: { type: Date, required: true },
  },
  { collection: 'calendar_years', versionKey: false },
);

/** How often an instance re-reads the stored years, for changes another instance received. */
const RELOAD_EVERY_MS = 60_000;

/**
 * The working calendar of a service that counts legal periods but does not own the calendar:
 * it starts from the shipped schedule and follows the years an administrator replaces in routing
 * (`routing.calendar.changed.v1`). Each change is stored (newest revision wins, by a conditional
 * write) so that a restart and every instance count on the same schedule; instances that did not
 * receive the event pick it up from the store within a minute.
 */
@Injectable()
export class FollowedCalendar implements OnModuleInit, OnModuleDestroy {
  /** One object for the whole service: replaced years change it in place. */
  readonly calendar: WorkingCalendar = defaultWorkingCalendar();
  private readonly years: Model<StoredYear>;
  private timer?: NodeJS.Timeout;
  private readonly applied = new Map<number, number>();

  constructor(@InjectConnection() connection: Connection) {
    this.years = modelOn(connection, 'CalendarYear', storedYearSchema);
  }

  async onModuleInit(): Promise<void> {
    await this.reload();
    this.timer = setInterval(() => void this.reload().catch(() => undefined), RELOAD_EVERY_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Stores the year if it is newer than the one stored, then counts on it. */
  async follow(change: CalendarChangedV1): Promise<void> {
    await duplicateKeyMeansDone(() =>
      this.years
        .updateOne(
          { _id: change.year, revision: trusted({ $lt: change.revision }) },
          {
            $set: {
              revision: change.revision,
              holidays: change.holidays,
              workdays: change.workdays,
              source: change.source,
              provisional: change.provisional,
              changedAt: new Date(change.changedAt),
            },
          },
          // Not newer than the stored revision: the upsert's insert meets the year's _id and
          // fails with a duplicate key, which means there is nothing to do.
          { upsert: true },
        )
        .exec(),
    );
    await this.reload();
  }

  /** Applies every stored year whose revision this instance has not applied yet. */
  async reload(): Promise<void> {
    const stored = await this.years.find({}).sort({ _id: 1 }).lean().exec();
    for (const year of stored) {
      if (this.applied.get(year._id) === year.revision) continue;
      const data: HolidayYear = {
        year: year._id,
        holidays: year.holidays,
        workdays: year.workdays,
        source: year.source,
        provisional: year.provisional,
      };
      this.calendar.replaceYear(data);
      this.applied.set(year._id, year.revision);
    }
  }
}
