import { addCalendarDays, isCivilDate, weekday, type CivilDate } from './civil-date';

/** One year of the State Council's holiday schedule (节假日安排), as data. */
export interface HolidayYear {
  year: number;
  /** Days off that would otherwise be working days or weekends inside a holiday (放假). */
  holidays: Array<{ date: CivilDate; name: string }>;
  /** Weekend days that are working days (调休上班日). */
  workdays: Array<{ date: CivilDate; name: string }>;
  /** Where the schedule comes from (the notice's reference), or why it is provisional. */
  source: string;
  /** True until the official notice for that year has been entered. */
  provisional?: boolean;
}

/** Why a calendar's data was refused: field and rule, for a 4xx answer. */
export interface CalendarProblem {
  field: string;
  rule: string;
  message: string;
}

/** Checks a year of holiday data; an empty list means it can be used. */
export function validateHolidayYear(data: HolidayYear): CalendarProblem[] {
  const problems: CalendarProblem[] = [];
  if (!Number.isInteger(data.year) || data.year < 2000 || data.year > 2100) {
    problems.push({ field: 'year', rule: 'range', message: 'year must be an integer between 2000 and 2100' });
  }
  const seen = new Map<CivilDate, string>();
  const check = (list: HolidayYear['holidays'], field: 'holidays' | 'workdays'): void => {
    list.forEach((entry, index) => {
      const at = `${field}[${index}].date`;
      if (!isCivilDate(entry.date)) {
        problems.push({ field: at, rule: 'date', message: `${entry.date} is not a calendar date (YYYY-MM-DD)` });
        return;
      }
      if (Number(entry.date.slice(0, 4)) !== data.year) {
        problems.push({ field: at, rule: 'sameYear', message: `${entry.date} is not in ${data.year}` });
      }
      if (field === 'workdays' && ![0, 6].includes(weekday(entry.date))) {
        problems.push({ field: at, rule: 'weekend', message: `${entry.date} is a weekday; only a weekend day can be made a working day` });
      }
      if (seen.has(entry.date)) {
        problems.push({ field: at, rule: 'unique', message: `${entry.date} is listed twice (also in ${seen.get(entry.date)})` });
      }
      seen.set(entry.date, field);
      if (!entry.name || !entry.name.trim()) {
        problems.push({ field: `${field}[${index}].name`, rule: 'required', message: 'every listed day needs a name' });
      }
    });
  };
  check(data.holidays ?? [], 'holidays');
  check(data.workdays ?? [], 'workdays');
  return problems;
}

/**
 * Which days are working days: Monday to Friday, less official holidays, plus the make-up
 * working days. Years without data fall back to weekends only; {@link covers} tells whether a
 * year is known so callers can warn.
 */
export class WorkingCalendar {
  private readonly holidays = new Map<CivilDate, string>();
  private readonly workdays = new Map<CivilDate, string>();
  private readonly years = new Map<number, HolidayYear>();

  constructor(years: readonly HolidayYear[]) {
    for (const year of years) {
      const problems = validateHolidayYear(year);
      if (problems.length > 0) {
        throw new Error(`holiday data for ${year.year}: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`);
      }
      if (this.years.has(year.year)) {
        throw new Error(`holiday data for ${year.year} given twice`);
      }
      this.years.set(year.year, year);
      for (const h of year.holidays) this.holidays.set(h.date, h.name);
      for (const w of year.workdays) this.workdays.set(w.date, w.name);
    }
  }

  /**
   * Replaces (or adds) one year's data in place, so that every holder of this calendar counts on
   * the new schedule from now on: an administrator entered the year's official notice.
   */
  replaceYear(year: HolidayYear): void {
    const problems = validateHolidayYear(year);
    if (problems.length > 0) {
      throw new Error(`holiday data for ${year.year}: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`);
    }
    const prefix = `${year.year}-`;
    for (const days of [this.holidays, this.workdays]) {
      for (const date of [...days.keys()]) if (date.startsWith(prefix)) days.delete(date);
    }
    this.years.set(year.year, year);
    for (const h of year.holidays) this.holidays.set(h.date, h.name);
    for (const w of year.workdays) this.workdays.set(w.date, w.name);
  }

  /** The years this calendar has official (or provisional) data for. */
  knownYears(): HolidayYear[] {
    return [...this.years.values()].sort((a, b) => a.year - b.year);
  }

  covers(date: CivilDate): boolean {
    return this.years.has(Number(date.slice(0, 4)));
  }

  isWorkingDay(date: CivilDate): boolean {
    if (this.workdays.has(date)) return true;
    if (this.holidays.has(date)) return false;
    const day = weekday(date);
    return day !== 0 && day !== 6;
  }

  /** What kind of day a date is, with the holiday's name where there is one. */
  describe(date: CivilDate): { date: CivilDate; working: boolean; reason: 'weekday' | 'weekend' | 'holiday' | 'make-up workday'; name?: string } {
    if (this.workdays.has(date)) return { date, working: true, reason: 'make-up workday', name: this.workdays.get(date) };
    if (this.holidays.has(date)) return { date, working: false, reason: 'holiday', name: this.holidays.get(date) };
    const day = weekday(date);
    return day === 0 || day === 6 ? { date, working: false, reason: 'weekend' } : { date, working: true, reason: 'weekday' };
  }

  /** The date itself if it is a working day, otherwise the next working day. */
  nextWorkingDayFrom(date: CivilDate): CivilDate {
    let current = date;
    // A holiday run in China is at most 9 days long; 60 is a guard against bad data.
    for (let i = 0; i < 60; i++) {
      if (this.isWorkingDay(current)) return current;
      current = addCalendarDays(current, 1);
    }
    throw new Error(`no working day within 60 days of ${date}: check the holiday data`);
  }
}
