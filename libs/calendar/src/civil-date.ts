/**
 * Calendar dates as Beijing counts them. China keeps one fixed offset (UTC+8, no daylight
 * saving), so a civil date is a plain `YYYY-MM-DD` string and day arithmetic is done in UTC
 * on that date, with no time zone library.
 */
export type CivilDate = string;

const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const CIVIL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The Beijing calendar date on which an instant falls. */
export function beijingDate(at: Date): CivilDate {
  const time = at.getTime();
  if (!Number.isFinite(time)) {
    throw new RangeError('beijingDate: invalid time');
  }
  return new Date(time + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

/** Whether a string is a real calendar date in `YYYY-MM-DD` form (2026-02-30 is not). */
export function isCivilDate(value: string): boolean {
  const match = CIVIL_DATE.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value;
}

function toUtcMidnight(date: CivilDate): number {
  if (!isCivilDate(date)) {
    throw new RangeError(`not a calendar date (YYYY-MM-DD): ${date}`);
  }
  return Date.parse(`${date}T00:00:00Z`);
}

/** The date `days` calendar days after (or before, when negative) `date`. */
export function addCalendarDays(date: CivilDate, days: number): CivilDate {
  return new Date(toUtcMidnight(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: CivilDate): number {
  return new Date(toUtcMidnight(date)).getUTCDay();
}

/** The instant at which a Beijing calendar day begins (00:00 +08:00). */
export function startOfBeijingDay(date: CivilDate): Date {
  return new Date(toUtcMidnight(date) - BEIJING_OFFSET_MS);
}

/** The instant at which a Beijing calendar day ends: 24:00 +08:00, the start of the next day. */
export function endOfBeijingDay(date: CivilDate): Date {
  return startOfBeijingDay(addCalendarDays(date, 1));
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: CivilDate, to: CivilDate): number {
  return Math.round((toUtcMidnight(to) - toUtcMidnight(from)) / DAY_MS);
}
